//! `backchannel serve`: the workshop server. Trainees join over ssh with a join code and play at
//! tables of the same scenario and seed; the instructor runs the room from the facilitator's
//! console. Each table is a `Table` driven unchanged, its seats drawn by the same console as
//! local play; every table is saved after every turn and every draft change, and resumes.

pub mod codes;
pub mod facilitator;
mod overview;
mod plain;
pub mod room;
pub mod screen;
pub mod ssh;
pub mod store;

use crate::ids::ActorIx;
use crate::scenario::Scenario;
use crate::table::Table;
use crate::tui::console::Stage;
use anyhow::{Context, anyhow, bail};
use codes::{Code, Codes, Role};
use room::{Desk, Room};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use store::{Manifest, SeatCode, Store};

/// What `serve` was asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub scenario: Option<PathBuf>,
    pub bind: IpAddr,
    pub port: u16,
    /// Codes chosen on the command line: the first for an actor is table 1's, the next table
    /// 2's, and so on.
    pub seats: Vec<(String, Code)>,
    pub facilitator: Option<Code>,
    pub tables: usize,
    pub seed: u64,
    /// Seconds per turn.
    pub turn_timer: Option<u32>,
    pub resume: Option<PathBuf>,
    pub data: PathBuf,
    pub started: u64,
}

/// A new workshop's manifest and tables: every human seat of every table gets the code given
/// for it or a fresh one.
pub fn setup(
    opts: &Options,
    scenario: Arc<Scenario>,
    file: &str,
    rng: &mut impl rand::Rng,
) -> anyhow::Result<(Manifest, Vec<Table>)> {
    if opts.tables == 0 || opts.tables > 100 {
        bail!("--tables takes 1 to 100 tables; {} is not", opts.tables);
    }
    let playable: Vec<&str> = scenario
        .playable
        .iter()
        .map(|a| scenario.actor(*a).id.as_str())
        .collect();
    let mut humans: Vec<ActorIx> = Vec::new();
    for (actor, _) in &opts.seats {
        let Some(a) = scenario
            .actor_ix(actor)
            .filter(|a| scenario.playable.contains(a))
        else {
            bail!(
                "--seat {actor}=…: this scenario has no playable role \"{actor}\"; its playable roles are {}",
                playable.join(", ")
            );
        };
        if !humans.contains(&a) {
            humans.push(a);
        }
    }
    if humans.is_empty() {
        humans = scenario.playable.clone();
    }
    humans.sort();
    let mut codes = Codes::default();
    let facilitator = opts.facilitator.clone().unwrap_or_else(|| codes.fresh(rng));
    codes
        .insert(facilitator.clone(), Role::Facilitator)
        .map_err(|e| anyhow!(e))?;
    let mut seats = Vec::new();
    for &a in &humans {
        let id = scenario.actor(a).id.to_string();
        let given: Vec<&Code> = opts
            .seats
            .iter()
            .filter(|(s, _)| *s == id)
            .map(|(_, c)| c)
            .collect();
        if given.len() > opts.tables {
            bail!(
                "--seat {id}=… is given {} times for {} table(s): give it once per table",
                given.len(),
                opts.tables
            );
        }
        for table in 0..opts.tables {
            let code = given
                .get(table)
                .map_or_else(|| codes.fresh(rng), |c| (*c).clone());
            codes
                .insert(code.clone(), Role::Seat { table, actor: a })
                .map_err(|e| anyhow!(e))?;
            seats.push(SeatCode {
                table: table + 1,
                actor: id.clone(),
                code,
            });
        }
    }
    let tables = (0..opts.tables)
        .map(|_| {
            let mut t = Table::new(Arc::clone(&scenario), opts.seed, &humans)
                .with_origin(file.to_owned(), opts.started);
            t.set_timer(opts.turn_timer);
            t
        })
        .collect();
    let manifest = Manifest {
        format: store::FORMAT,
        scenario_file: file.to_owned(),
        seed: opts.seed,
        tables: opts.tables,
        turn_timer: opts.turn_timer,
        started: opts.started,
        facilitator,
        seats,
    };
    Ok((manifest, tables))
}

/// The printable sheet of codes, each with the exact command a trainee types.
pub fn codes_sheet(m: &Manifest, title: &str, host: &str, port: u16) -> String {
    let ssh = |code: &Code| format!("ssh -p {port} {code}@{host}");
    let mut s = format!(
        "Backchannel workshop: {title} (seed {}, {} table{})\n\n",
        m.seed,
        m.tables,
        if m.tables == 1 { "" } else { "s" }
    );
    for k in 1..=m.tables {
        s.push_str(&format!("Table {k}\n"));
        for seat in m.seats.iter().filter(|s| s.table == k) {
            s.push_str(&format!("  {:<12} {}\n", seat.actor, ssh(&seat.code)));
        }
    }
    s.push_str(&format!("\nFacilitator    {}\n", ssh(&m.facilitator)));
    s
}

/// The workshop's folder for a new workshop: scenario, seed and start time, made a slug.
fn folder_for(data: &Path, scenario: &Scenario, seed: u64, started: u64) -> PathBuf {
    let stamp = crate::autosave::utc_stamp(started);
    data.join("workshops").join(format!(
        "{}-{seed}-{stamp}",
        crate::scenario::slugify(scenario.id.as_str())
    ))
}

/// The server's host key, made once and kept in the data folder, so trainees' ssh clients are
/// not warned of a new key at every restart.
fn host_key(data: &Path) -> anyhow::Result<russh::keys::PrivateKey> {
    use russh::keys::{Algorithm, PrivateKey, ssh_key::LineEnding};
    let path = data.join("workshop-host-key");
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read the host key {}", path.display()))?;
        return PrivateKey::from_openssh(text.as_bytes()).map_err(|e| {
            anyhow!(
                "{} is not an ssh host key ({e}); move it away and a new one is made",
                path.display()
            )
        });
    }
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
        .map_err(|e| anyhow!("cannot make a host key: {e}"))?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| anyhow!("cannot write the host key: {e}"))?;
    std::fs::create_dir_all(data).with_context(|| format!("cannot create {}", data.display()))?;
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
    std::io::Write::write_all(
        &mut open
            .open(&path)
            .with_context(|| format!("cannot write the host key {}", path.display()))?,
        text.as_bytes(),
    )?;
    Ok(key)
}

/// Runs the workshop until Ctrl-C or SIGTERM, then restores every client's screen and saves
/// every table.
pub fn run(opts: Options) -> anyhow::Result<()> {
    let theme = crate::tui::theme::Theme::from_env();
    let (folder, manifest, tables, stage) = match &opts.resume {
        Some(path) => {
            let (folder, manifest, mut tables) = store::load(path)?;
            // A restarted turn gets its whole time: the trainees must first join again.
            for t in &mut tables {
                if let Some(timer) = t.timer() {
                    t.set_timer(Some(timer.per_turn));
                }
            }
            (folder, manifest, tables, Stage::Dashboard)
        }
        None => {
            let path = opts.scenario.as_deref().ok_or_else(|| {
                anyhow!("name the scenario to serve, e.g. scenarios/grid-probe.ron")
            })?;
            let scenario = crate::autosave::load_scenario(path)?;
            let file = path.display().to_string();
            let (manifest, tables) = setup(&opts, Arc::clone(&scenario), &file, &mut rand::rng())?;
            let folder = folder_for(&opts.data, &scenario, opts.seed, opts.started);
            (folder, manifest, tables, Stage::Briefing)
        }
    };
    let first = tables
        .first()
        .ok_or_else(|| anyhow!("the workshop has no table"))?;
    let codes = manifest.codes(first)?;
    let title = first.scenario().title.clone();
    let store = Store::open(folder.clone())?;
    store.write_now(store::MANIFEST, &store::manifest_text(&manifest)?)?;
    for (k, t) in tables.iter().enumerate() {
        store.write_now(&store::table_file(k), &store::table_text(t))?;
    }
    let key = host_key(&opts.data)?;
    let fingerprint = key.public_key().fingerprint(russh::keys::HashAlg::Sha256);

    let desks = tables
        .into_iter()
        .map(|t| Desk::new(t, theme, stage))
        .collect();
    let shared = Arc::new(ssh::Shared::new(Room::new(desks, codes, theme), store));
    let addr = SocketAddr::new(opts.bind, opts.port);
    let config = russh::server::Config {
        methods: russh::MethodSet::from(&[russh::MethodKind::None][..]),
        auth_rejection_time: Duration::ZERO,
        auth_rejection_time_initial: Some(Duration::ZERO),
        inactivity_timeout: Some(Duration::from_secs(4 * 3600)),
        keepalive_interval: Some(Duration::from_secs(30)),
        keys: vec![key],
        nodelay: true,
        ..Default::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .with_context(|| {
            format!(
                "cannot listen on {addr}: is another server using the port? --port chooses another"
            )
        })?;
    // The port the system gave, when asked for any (port 0).
    let addr = listener.local_addr().unwrap_or(addr);
    let host = if opts.bind.is_unspecified() {
        "HOST".to_owned()
    } else {
        opts.bind.to_string()
    };
    let sheet = codes_sheet(&manifest, &title, &host, addr.port());
    shared.store.write_now(store::CODES, &sheet)?;
    println!("{sheet}");
    println!("Listening on {addr}. Host key {fingerprint}.");
    if opts.bind.is_loopback() {
        println!(
            "Only this machine can join: --bind 0.0.0.0 opens the workshop to the classroom network."
        );
    } else if opts.bind.is_unspecified() {
        println!(
            "HOST is this machine's address on the classroom network (`hostname -I` shows it)."
        );
    }
    println!(
        "Workshop folder: {} (codes.txt is the sheet above).\nCtrl-C stops the server and saves every table; `backchannel serve --resume {}` carries on.",
        folder.display(),
        folder.display()
    );
    let result = runtime.block_on(serve(shared, config, listener));
    // A plain-mode thread still reading from a client that never left must not keep the
    // process alive: every table is saved by now.
    runtime.shutdown_timeout(Duration::from_secs(2));
    result
}

async fn serve(
    shared: Arc<ssh::Shared>,
    config: russh::server::Config,
    listener: tokio::net::TcpListener,
) -> anyhow::Result<()> {
    let ticker = {
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let mut beat = tokio::time::interval(Duration::from_secs(1));
            beat.tick().await;
            loop {
                beat.tick().await;
                {
                    let mut room = shared.room();
                    let out = room.tick();
                    shared.apply(&room, &out);
                }
                shared.report_saves();
            }
        })
    };
    let accepting = ssh::accept(Arc::clone(&shared), Arc::new(config), listener);
    let result = tokio::select! {
        r = accepting => r.context("the workshop server stopped accepting connections"),
        () = stop_signal() => Ok(()),
    };
    ticker.abort();
    eprintln!("Stopping: saving every table and restoring every client's screen…");
    let failed = shared.stop(Duration::from_secs(8)).await;
    if failed.is_empty() {
        eprintln!("Every table is saved in {}.", shared.store.folder.display());
    } else {
        for f in &failed {
            eprintln!("backchannel serve: NOT SAVED {f}");
        }
        anyhow::bail!(
            "{} of the tables could not be saved in {}; the workshop cannot be resumed from them",
            failed.len(),
            shared.store.folder.display()
        );
    }
    result
}

/// Ctrl-C, SIGTERM or SIGHUP.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
            _ = hup.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests;
