//! Measuring: latency samples and their percentiles, peak memory, sizes on disk, the machine,
//! and the REPL's cold start through a pseudo-terminal. Reads `/proc` and runs `script`; never
//! touches a store's contents.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Latency samples of one query on one engine.
#[derive(Default)]
pub struct Samples {
    seconds: Vec<f64>,
}

impl Samples {
    /// Runs `f` at least `min` times and until `budget` is spent (at most `max` times); `f`
    /// gets the repetition number and returns its row count; the first run's count is kept.
    pub fn collect<E>(
        budget: Duration,
        min: usize,
        max: usize,
        mut f: impl FnMut(usize) -> Result<usize, E>,
    ) -> Result<(Samples, usize), E> {
        let started = Instant::now();
        let mut seconds = Vec::new();
        let mut rows = 0;
        while seconds.len() < max && (seconds.len() < min || started.elapsed() < budget) {
            let t = Instant::now();
            let n = f(seconds.len())?;
            if seconds.is_empty() {
                rows = n;
            }
            seconds.push(t.elapsed().as_secs_f64());
        }
        Ok((Samples { seconds }, rows))
    }

    /// The `q`-quantile (nearest rank), in seconds.
    pub fn quantile(&self, q: f64) -> f64 {
        let mut sorted = self.seconds.clone();
        sorted.sort_by(f64::total_cmp);
        let rank = ((q * sorted.len() as f64).ceil() as usize).max(1);
        sorted
            .get(rank - 1)
            .or(sorted.last())
            .copied()
            .unwrap_or(0.0)
    }

    /// How many runs.
    pub fn len(&self) -> usize {
        self.seconds.len()
    }
}

/// A duration in the unit that reads best.
pub fn human(seconds: f64) -> String {
    if seconds < 1e-3 {
        format!("{:.0} µs", seconds * 1e6)
    } else if seconds < 1.0 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{seconds:.2} s")
    }
}

/// A field of `/proc/self/status` in kB (`VmHWM`, `VmRSS`).
pub fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().trim_end_matches("kB").trim().parse().ok()
    })
}

/// Peak resident memory so far, in MiB.
pub fn peak_mib() -> f64 {
    status_kb("VmHWM").map_or(0.0, |kb| kb as f64 / 1024.0)
}

/// Bytes of all files under `path`.
pub fn dir_bytes(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return std::fs::metadata(path).map_or(0, |m| m.len());
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_bytes(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// The machine, one line: cores, CPU model, memory, load.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".into());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    format!(
        "{cores} cores, {model}, {mem_gib:.1} GiB RAM, load {}",
        load()
    )
}

/// The 1-minute load average now.
pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Seconds from starting `geochron --db STORE` on a pseudo-terminal (through `script`) to the
/// prompt appearing; then it is sent `.quit`. `None` when `script` is missing or no prompt
/// came within ten seconds.
pub fn repl_cold_start(binary: &Path, store: &Path) -> Option<f64> {
    let command = format!(
        "'{}' --db '{}'",
        binary.display(),
        store.display().to_string().replace('\'', "")
    );
    let started = Instant::now();
    let mut child = Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        let mut told = false;
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(buf.get(..n).unwrap_or_default());
            if !told && seen.windows(10).any(|w| w == b"geochron> ") {
                told = true;
                let _ = tx.send(started.elapsed().as_secs_f64());
            }
        }
    });
    let result = rx.recv_timeout(Duration::from_secs(10)).ok();
    if let Some(stdin) = child.stdin.as_mut() {
        let _ = stdin.write_all(b".quit\n");
    }
    drop(child.stdin.take());
    if result.is_none() {
        let _ = child.kill();
    }
    let _ = child.wait();
    let _ = reader.join();
    result
}

/// One cold one-shot query: `geochron --db STORE query TEXT` run under GNU `time`, as a user
/// runs it from a shell. Wall seconds, CPU seconds (user + system) and the process's peak
/// resident memory in MiB; `None` when `/usr/bin/time` is missing or the command failed.
pub struct ColdQuery {
    /// Process start to exit.
    pub wall_s: f64,
    /// User plus system CPU time of the process.
    pub cpu_s: f64,
    /// Its peak resident set (`ru_maxrss`).
    pub peak_mib: f64,
}

/// Runs `geochron --db STORE query TEXT` once under `/usr/bin/time` (see [`ColdQuery`]).
pub fn cold_query(binary: &Path, store: &Path, text: &str) -> Option<ColdQuery> {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "cold-query %e %U %S %M"])
        .arg(binary)
        .arg("--db")
        .arg(store)
        .args(["query", text])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr.lines().find_map(|l| l.strip_prefix("cold-query "))?;
    let figures: Vec<f64> = line
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    match figures.as_slice() {
        [wall, user, system, kib] => Some(ColdQuery {
            wall_s: *wall,
            cpu_s: user + system,
            peak_mib: kib / 1024.0,
        }),
        _ => None,
    }
}
