//! The `passend` binary: everything is in the library's `cli` module.

/// mimalloc instead of the system allocator: the server answers every
/// request on a different thread, and glibc's per-thread arenas spent a
/// sixth of the waiting-list route's time allocating and consolidating.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    end_quietly_on_closed_pipe();
    passend::cli::main()
}

/// Rust ignores SIGPIPE, so printing to a closed pipe (`passend report … |
/// head`) would panic. A command-line tool ends quietly instead, as other
/// Unix tools do: restore the default action.
#[cfg(unix)]
fn end_quietly_on_closed_pipe() {
    unsafe extern "C" {
        fn signal(signal: i32, handler: usize) -> usize;
    }
    const SIGPIPE: i32 = 13;
    const SIG_DFL: usize = 0;
    // SAFETY: setting the default action of SIGPIPE at start-up, before any
    // thread exists, has no effect on memory.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

#[cfg(not(unix))]
fn end_quietly_on_closed_pipe() {}
