//! Run a command and print its own CPU time (user + system, seconds) and peak
//! resident memory (KB), from the kernel's accounting of that child alone:
//! `cargo run --release --example peak -- CMD ARGS...`. `bench/measure.py`
//! measures through it because a child forked from a large process (Python
//! holding the benchmark texts) inherits that process's memory high-water
//! mark, which the kernel keeps across `exec`; this launcher is small.
//! The command's output is discarded; its exit code is printed third.

use std::process::{Command, Stdio};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((program, rest)) = args.split_first() else {
        eprintln!("usage: peak CMD [ARGS...]");
        std::process::exit(2);
    };
    let child = match Command::new(program)
        .args(rest)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("peak: {program}: {e}");
            std::process::exit(2);
        }
    };
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; `pid` is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if got != pid {
        eprintln!("peak: wait4 failed");
        std::process::exit(2);
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    println!(
        "{:.6} {} {}",
        seconds(usage.ru_utime) + seconds(usage.ru_stime),
        usage.ru_maxrss,
        code
    );
}
