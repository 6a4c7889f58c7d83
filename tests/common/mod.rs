//! Helpers shared by the end-to-end tests.

use std::process::{Command, Output};

/// Run the `factdiff` binary with `args`, colour off, and collect its output.
pub fn factdiff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdiff"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}
