mod complex;
mod flows;
pub mod harness;
mod matching;
mod smoke;
