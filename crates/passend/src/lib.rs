//! The `passend` command line. One module per command group under [`cli`];
//! each parses its arguments, opens what it needs and calls the library
//! crates. This is the only layer that reads the clock or the environment.

pub mod cli;
pub mod open;
pub mod policy_file;
