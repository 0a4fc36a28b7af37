mod flows;
pub mod harness;
mod smoke;
