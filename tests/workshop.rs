//! The workshop server, driven as trainees and an instructor would: the real binary listens on a
//! loopback port, clients join with russh's own ssh client, and a terminal emulator rebuilds
//! each screen from the bytes the server sends.

use russh::ChannelMsg;
use russh::client::{self, Handle, Msg};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

struct Server {
    child: Child,
    port: u16,
    folder: PathBuf,
}

impl Server {
    /// Starts `backchannel serve ARGS` on a free port with its data in `data`.
    fn start(data: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_backchannel"))
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .env("BACKCHANNEL_DATA", data)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (mut port, mut folder) = (None, None);
        while port.is_none() || folder.is_none() {
            let line = lines
                .next()
                .expect("the server printed its address")
                .unwrap();
            if let Some(rest) = line.strip_prefix("Listening on ") {
                let addr = rest
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .trim_end_matches('.');
                port = addr.rsplit(':').next().and_then(|p| p.parse().ok());
            }
            if let Some(rest) = line.strip_prefix("Workshop folder: ") {
                folder = Some(PathBuf::from(rest.split(" (").next().unwrap()));
            }
        }
        // Keep reading, so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            port: port.unwrap(),
            folder: folder.unwrap(),
        }
    }

    fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    fn wait(&mut self) {
        let _ = self.child.wait();
    }

    /// Table `k`'s save (from 1), once it satisfies `ready`.
    fn table_save(
        &self,
        k: usize,
        ready: impl Fn(&backchannel::autosave::Resume) -> bool,
    ) -> backchannel::autosave::Resume {
        let path = self.folder.join(format!("table-{k}.ron"));
        let start = Instant::now();
        loop {
            if let Ok(r) = backchannel::autosave::read_resume(&path)
                && ready(&r)
            {
                return r;
            }
            assert!(start.elapsed() < WAIT, "table {k}'s save never got there");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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

async fn connect(port: u16) -> Handle<Accept> {
    let config = Arc::new(client::Config::default());
    client::connect(config, ("127.0.0.1", port), Accept)
        .await
        .unwrap()
}

/// A trainee's terminal: an ssh channel with a pty, and the screen rebuilt from what arrives.
struct Term {
    ch: russh::Channel<Msg>,
    screen: vt100::Parser,
    closed: bool,
    _session: Handle<Accept>,
}

impl Term {
    async fn join(port: u16, code: &str, (w, h): (u16, u16)) -> Term {
        let mut session = connect(port).await;
        let auth = session.authenticate_none(code).await.unwrap();
        assert!(auth.success(), "{code} was refused");
        let ch = session.channel_open_session().await.unwrap();
        ch.request_pty(false, "xterm-256color", w.into(), h.into(), 0, 0, &[])
            .await
            .unwrap();
        ch.request_shell(false).await.unwrap();
        let n = |x| std::num::NonZeroU16::new(x).unwrap();
        Term {
            ch,
            screen: vt100::Parser::new(n(h), n(w), 0),
            closed: false,
            _session: session,
        }
    }

    fn text(&self) -> String {
        self.screen.screen().contents()
    }

    async fn keys(&mut self, bytes: &[u8]) {
        self.ch.data_bytes(bytes.to_vec()).await.unwrap();
    }

    /// Reads until the screen shows `needle`.
    async fn until(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        while !self.text().contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero() && !self.closed,
                "never saw {needle:?}; the screen:\n{}",
                self.text()
            );
            match tokio::time::timeout(left, self.ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.screen.process(&data),
                Ok(Some(ChannelMsg::Eof | ChannelMsg::Close)) | Ok(None) => self.closed = true,
                Ok(Some(_)) => {}
                Err(_) => {}
            }
        }
        self.text()
    }

    /// Reads until the server closes the channel.
    async fn until_closed(&mut self) {
        let deadline = Instant::now() + WAIT;
        while !self.closed {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "the server never closed; the screen:\n{}",
                self.text()
            );
            match tokio::time::timeout(left, self.ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.screen.process(&data),
                Ok(Some(ChannelMsg::Close)) | Ok(None) => self.closed = true,
                _ => {}
            }
        }
    }
}

const ENTER: &[u8] = b"\r";
const TAB: &[u8] = b"\t";
const RIGHT: &[u8] = b"\x1b[C";

fn workshop(data: &Path) -> Server {
    Server::start(
        data,
        &[
            "scenarios/grid-probe.ron",
            "--seed",
            "7",
            "--tables",
            "2",
            "--seat",
            "atlantis=alpha",
            "--seat",
            "borealis=bravo",
            "--facilitator",
            "boss",
        ],
    )
}

/// A seat leaves its briefing and ends the turn with the orders it has.
async fn end_turn(t: &mut Term) {
    t.until("Briefing").await;
    t.keys(ENTER).await;
    t.until("Intelligence feed").await;
    t.keys(b"e").await;
    t.until("intent you think likeliest").await;
    t.keys(ENTER).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_is_refused_after_a_delay() {
    let data = tempfile::tempdir().unwrap();
    let server = workshop(data.path());
    let mut session = connect(server.port).await;
    let start = Instant::now();
    let auth = session.authenticate_none("not-a-code").await.unwrap();
    assert!(!auth.success());
    let first = start.elapsed();
    assert!(first >= Duration::from_millis(900), "{first:?}");
    // Two more wrong codes at once, on two connections from the same address: they are refused
    // one after the other, each waiting longer (3 s, then 5 s), so parallel guesses are no faster.
    let (mut a, mut b) = (connect(server.port).await, connect(server.port).await);
    let start = Instant::now();
    let (ra, rb) = tokio::join!(
        a.authenticate_none("alpha-x"),
        b.authenticate_none("bravo-x")
    );
    assert!(!ra.unwrap().success() && !rb.unwrap().success());
    let both = start.elapsed();
    assert!(both >= Duration::from_millis(7_900), "{both:?}");
    // The right code is never held up by them.
    let mut ok = connect(server.port).await;
    let start = Instant::now();
    assert!(ok.authenticate_none("alpha").await.unwrap().success());
    assert!(
        start.elapsed() < Duration::from_millis(500),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_seats_play_a_turn_and_never_see_each_others_private_events() {
    let data = tempfile::tempdir().unwrap();
    let server = workshop(data.path());
    let mut a = Term::join(server.port, "alpha", (120, 40)).await;
    let mut b = Term::join(server.port, "bravo", (100, 30)).await;
    end_turn(&mut a).await;
    a.until("Orders sent").await;
    end_turn(&mut b).await;
    let sa = a.until("Turn 1 report, Atlantis").await;
    let sb = b.until("Turn 1 report, Borealis").await;
    assert!(sa.contains("Atlantis's services began"), "{sa}");
    assert!(!sa.contains("Borealis's services began"), "{sa}");
    assert!(sb.contains("Borealis's services began"), "{sb}");
    assert!(!sb.contains("Atlantis's services began"), "{sb}");
    let save = server.table_save(1, |r| r.save.turns.len() == 1);
    assert_eq!(save.humans, ["atlantis", "borealis"]);
    // Table 2 plays its own game: nobody there has moved.
    let other = server.table_save(2, |_| true);
    assert!(other.save.turns.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_shares_a_draft_and_a_dropped_trainee_finds_it_again() {
    let data = tempfile::tempdir().unwrap();
    let server = workshop(data.path());
    let mut one = Term::join(server.port, "alpha", (120, 40)).await;
    let mut two = Term::join(server.port, "alpha", (90, 28)).await;
    one.until("Briefing").await;
    one.keys(ENTER).await;
    one.until("Intelligence feed").await;
    one.keys(TAB).await;
    one.keys(RIGHT).await;
    one.until("intensify").await;
    // The other member of the team sees the same draft, at their own size, and a resize is
    // honoured.
    two.until("intensify").await;
    two.ch.window_change(130, 35, 0, 0).await.unwrap();
    let n = |x| std::num::NonZeroU16::new(x).unwrap();
    two.screen.screen_mut().set_size(n(35), n(130));
    let wide = two.until("Actions · cost").await;
    assert!(wide.contains("intensify"), "{wide}");
    server.table_save(1, |r| r.seats.iter().any(|s| !s.draft.postures.is_empty()));
    drop(one);
    drop(two);
    let mut back = Term::join(server.port, "alpha", (120, 40)).await;
    let s = back.until("intensify").await;
    assert!(s.contains("Atlantis"), "{s}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_resumes_every_table_with_the_same_hash_and_the_facilitators_record() {
    let data = tempfile::tempdir().unwrap();
    let mut server = workshop(data.path());
    let mut f = Term::join(server.port, "boss", (140, 40)).await;
    f.until("Table 1: seats and the truth").await;
    // A news item to table 1, typed in the facilitator's form.
    f.keys(b"i").await;
    f.until("Intervene").await;
    f.keys(RIGHT).await;
    f.keys(b"\x1b[B").await;
    f.keys(b"Markets fall on rumours of a blackout.").await;
    f.until("rumours of a blackout").await;
    f.keys(ENTER).await;
    f.until("it is in the record").await;
    let mut a = Term::join(server.port, "alpha", (120, 40)).await;
    let mut b = Term::join(server.port, "bravo", (120, 40)).await;
    end_turn(&mut a).await;
    end_turn(&mut b).await;
    a.until("Markets fall").await;
    let before = server.table_save(1, |r| r.save.turns.len() == 1);
    assert_eq!(before.save.interventions.len(), 1);
    let hash = before.save.final_hash;
    let folder = server.folder.clone();

    server.child.kill().unwrap();
    server.wait();
    let server = Server::start(data.path(), &["--resume", folder.to_str().unwrap()]);
    let after = server.table_save(1, |_| true);
    assert_eq!(after.save.final_hash, hash);
    assert_eq!(after.save.interventions, before.save.interventions);
    // Every seat rejoins with its code, where it was.
    let mut a = Term::join(server.port, "alpha", (120, 40)).await;
    a.until("Turn 2/16").await;
    let mut f = Term::join(server.port, "boss", (140, 40)).await;
    f.until("Table 2").await;
    // The save replays exactly, the facilitator's news included.
    let out = Command::new(env!("CARGO_BIN_EXE_backchannel"))
        .args(["replay", folder.join("table-1.ron").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_the_server_restores_every_screen_and_saves() {
    let data = tempfile::tempdir().unwrap();
    let mut server = workshop(data.path());
    let mut a = Term::join(server.port, "alpha", (120, 40)).await;
    a.until("Briefing").await;
    assert!(a.screen.screen().alternate_screen());
    server.signal("TERM");
    a.until_closed().await;
    assert!(
        !a.screen.screen().alternate_screen(),
        "the client's own screen is back: {}",
        a.text()
    );
    assert!(
        a.text().contains("The workshop server has stopped"),
        "{}",
        a.text()
    );
    server.wait();
    assert!(server.folder.join("table-1.ron").is_file());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_runs_the_game_and_no_command() {
    let data = tempfile::tempdir().unwrap();
    let server = workshop(data.path());
    let mut session = connect(server.port).await;
    assert!(session.authenticate_none("alpha").await.unwrap().success());
    let mut ch = session.channel_open_session().await.unwrap();
    ch.exec(true, "cat /etc/passwd").await.unwrap();
    let mut said = Vec::new();
    let mut status = None;
    let deadline = Instant::now() + WAIT;
    while let Ok(Some(m)) = tokio::time::timeout(deadline - Instant::now(), ch.wait()).await {
        match m {
            ChannelMsg::Data { data } | ChannelMsg::ExtendedData { data, .. } => {
                said.extend_from_slice(&data)
            }
            ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
            ChannelMsg::Close => break,
            _ => {}
        }
    }
    let said = String::from_utf8_lossy(&said);
    assert!(
        said.contains("runs only the Backchannel workshop"),
        "{said}"
    );
    assert!(!said.contains("root:"), "{said}");
    assert_eq!(status, Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_without_a_pty_gets_plain_mode() {
    let data = tempfile::tempdir().unwrap();
    let server = workshop(data.path());
    let mut session = connect(server.port).await;
    assert!(session.authenticate_none("bravo").await.unwrap().success());
    let mut ch = session.channel_open_session().await.unwrap();
    ch.request_shell(false).await.unwrap();
    let mut said = String::new();
    let deadline = Instant::now() + WAIT;
    while !said.contains("Choose 1-") {
        match tokio::time::timeout(deadline - Instant::now(), ch.wait()).await {
            Ok(Some(ChannelMsg::Data { data })) => said.push_str(&String::from_utf8_lossy(&data)),
            Ok(Some(_)) => {}
            _ => panic!("no menu came; the client saw:\n{said}"),
        }
    }
    assert!(said.contains("BACKCHANNEL: Grid Probe"), "{said}");
    assert!(said.contains("Borealis's mandate"), "{said}");
    assert!(
        !said.contains("\x1b["),
        "plain mode has no escape sequences"
    );
}

/// Runs tmux on a socket of this test's own, so it never touches anyone's sessions.
fn tmux(socket: &str, args: &[&str]) -> String {
    let out = Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pane_until(socket: &str, session: &str, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let s = tmux(
            socket,
            &["capture-pane", "-p", "-t", &format!("={session}:")],
        );
        if s.contains(needle) {
            return s;
        }
        assert!(
            start.elapsed() < WAIT,
            "{session} never showed {needle:?}:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-V").output().is_ok()
}

#[test]
fn a_real_openssh_client_under_tmux_plays_a_turn() {
    if !have("ssh") || !have("tmux") {
        // CI installs both; elsewhere say what was not run.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install openssh-client and tmux"
        );
        eprintln!("skipped: this machine lacks the ssh client or tmux");
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let server = workshop(data.path());
    let socket = format!("backchannel-test-{}", std::process::id());
    let ssh = |code: &str| {
        format!(
            "ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p {} {code}@127.0.0.1; sleep 30",
            server.port
        )
    };
    for (session, code) in [("atl", "alpha"), ("bor", "bravo")] {
        tmux(
            &socket,
            &[
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                "120",
                "-y",
                "40",
                &ssh(code),
            ],
        );
    }
    for session in ["atl", "bor"] {
        let key = |k: &str| {
            tmux(&socket, &["send-keys", "-t", &format!("={session}:"), k]);
        };
        pane_until(&socket, session, "Briefing");
        key("Enter");
        pane_until(&socket, session, "Intelligence feed");
        key("e");
        pane_until(&socket, session, "intent you think likeliest");
        key("Enter");
    }
    let a = pane_until(&socket, "atl", "Turn 1 report, Atlantis");
    let b = pane_until(&socket, "bor", "Turn 1 report, Borealis");
    // Stopping the server gives each real client its own screen back, with the farewell, even
    // one whose last redraw (after a resize) is still on its way.
    tmux(
        &socket,
        &["resize-window", "-t", "=atl:", "-x", "100", "-y", "30"],
    );
    server.signal("TERM");
    for session in ["atl", "bor"] {
        let bye = pane_until(&socket, session, "The workshop server has stopped");
        assert!(bye.contains("every table is saved"), "{bye}");
        assert!(!bye.contains("Turn 1 report"), "the console is gone: {bye}");
    }
    tmux(&socket, &["kill-server"]);
    assert!(!b.contains("Atlantis's services began"), "{b}");
    assert!(a.contains("Atlantis's services began"), "{a}");
}
