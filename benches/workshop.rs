//! Load benchmark of the workshop server: 20 tables of two seats, 40 ssh clients on loopback,
//! each moving about its dashboard and changing its posture drafts (each draft change is saved).
//! Measures key-to-screen latency (from sending a key to the first screen bytes back), the
//! server's CPU while loaded and while idle, and its memory per connected seat.
//!
//! `cargo bench --bench workshop` (clients and server share this machine's cores).

use russh::ChannelMsg;
use russh::client::{self, Handle, Msg};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TABLES: usize = 20;
const KEYS_PER_SEAT: usize = 60;
const THINK: Duration = Duration::from_millis(80);

struct Accept;

impl client::Handler for Accept {
    type Error = russh::Error;
    async fn check_server_key(
        &mut self,
        _: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// The server's CPU seconds so far and its resident memory in bytes, from /proc.
fn usage(pid: u32) -> (f64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 of the line (utime, stime), counted after the command's ")".
    let cpu = (ticks(11) + ticks(12)) / 100.0;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024);
    (cpu, rss)
}

struct Seat {
    ch: russh::Channel<Msg>,
    _session: Handle<Accept>,
}

impl Seat {
    async fn join(port: u16, code: &str) -> Seat {
        let config = Arc::new(client::Config::default());
        let mut session = client::connect(config, ("127.0.0.1", port), Accept)
            .await
            .unwrap();
        assert!(session.authenticate_none(code).await.unwrap().success());
        let ch = session.channel_open_session().await.unwrap();
        ch.request_pty(false, "xterm", 120, 40, 0, 0, &[])
            .await
            .unwrap();
        ch.request_shell(false).await.unwrap();
        let mut s = Seat {
            ch,
            _session: session,
        };
        s.screen_bytes().await;
        s
    }

    /// Waits for the next screen bytes.
    async fn screen_bytes(&mut self) {
        loop {
            match tokio::time::timeout(Duration::from_secs(10), self.ch.wait()).await {
                Ok(Some(ChannelMsg::Data { .. })) => return,
                Ok(Some(_)) => {}
                _ => panic!("the server stopped answering"),
            }
        }
    }

    /// Reads what is still arriving of the last screen, until the line is quiet.
    async fn settle(&mut self) {
        while let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(5), self.ch.wait()).await
        {
        }
    }

    /// Sends a key and returns how long the screen took to answer.
    async fn key(&mut self, bytes: &[u8]) -> Duration {
        self.settle().await;
        let t = Instant::now();
        self.ch.data_bytes(bytes.to_vec()).await.unwrap();
        self.screen_bytes().await;
        t.elapsed()
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let data = tempfile::tempdir().unwrap();
    let mut args = vec![
        "serve".to_string(),
        "scenarios/grid-probe.ron".into(),
        "--seed".into(),
        "7".into(),
        "--port".into(),
        "0".into(),
        "--tables".into(),
        TABLES.to_string(),
        "--facilitator".into(),
        "boss".into(),
    ];
    for k in 0..TABLES {
        args.extend([
            "--seat".into(),
            format!("atlantis=seat-a{k}"),
            "--seat".into(),
            format!("borealis=seat-b{k}"),
        ]);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_backchannel"))
        .args(&args)
        .env("BACKCHANNEL_DATA", data.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port: u16 = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(rest) = line.strip_prefix("Listening on ") {
            let addr = rest
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('.');
            break addr.rsplit(':').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    std::thread::sleep(Duration::from_millis(300));
    let (_, rss_before) = usage(pid);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (latencies, rss_joined, busy, wall, idle_cpu) = rt.block_on(async move {
        let mut seats = Vec::new();
        for k in 0..TABLES {
            for side in ["a", "b"] {
                seats.push(Seat::join(port, &format!("seat-{side}{k}")).await);
            }
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let (_, rss_joined) = usage(pid);
        let (cpu0, _) = usage(pid);
        let start = Instant::now();
        let tasks: Vec<_> = seats
            .into_iter()
            .map(|mut s| {
                tokio::spawn(async move {
                    let mut out = Vec::new();
                    out.push(s.key(b"\r").await); // briefing → dashboard
                    out.push(s.key(b"2").await); // the counterparts panel
                    // Down and up the counterparts, and a posture changed and changed back
                    // (draft changes, each saved to disk): every key changes the screen.
                    let script: [&[u8]; 4] = [b"\x1b[B", b"\x1b[A", b"\x1b[C", b"\x1b[D"];
                    for i in 0..KEYS_PER_SEAT {
                        tokio::time::sleep(THINK).await;
                        out.push(s.key(script[i % script.len()]).await);
                    }
                    (out, s)
                })
            })
            .collect();
        let mut all = Vec::new();
        let mut seats = Vec::new();
        for t in tasks {
            let (l, s) = t.await.unwrap();
            all.extend(l);
            seats.push(s);
        }
        let wall = start.elapsed();
        let (cpu1, _) = usage(pid);
        tokio::time::sleep(Duration::from_secs(5)).await;
        let (cpu2, _) = usage(pid);
        drop(seats);
        (all, rss_joined, cpu1 - cpu0, wall, (cpu2 - cpu1) / 5.0)
    });
    let (_, rss_after) = usage(pid);
    let _ = child.kill();
    let _ = child.wait();

    let mut sorted = latencies;
    sorted.sort();
    let seats = 2 * TABLES;
    println!(
        "workshop load: {seats} seats at {TABLES} tables, {} keys in {:.1} s",
        sorted.len(),
        wall.as_secs_f64()
    );
    println!(
        "  key-to-screen latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&sorted, 0.50).as_secs_f64() * 1e3,
        percentile(&sorted, 0.99).as_secs_f64() * 1e3,
        sorted.last().unwrap().as_secs_f64() * 1e3
    );
    println!(
        "  server CPU: {:.1}% of one core under load, {:.2}% idle with every seat connected",
        100.0 * busy / wall.as_secs_f64(),
        100.0 * idle_cpu
    );
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    println!(
        "  server memory: {:.1} MB before anyone joined, {:.1} MB with {seats} seats ({:.2} MB per seat), {:.1} MB after the load",
        mb(rss_before),
        mb(rss_joined),
        mb(rss_joined.saturating_sub(rss_before)) / seats as f64,
        mb(rss_after)
    );
}
