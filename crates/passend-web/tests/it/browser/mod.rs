mod flows;
pub mod harness;
mod matching;
mod smoke;
