//! The `passend` binary: everything is in the library's `cli` module.

fn main() -> std::process::ExitCode {
    passend::cli::main()
}
