//! The ssh side of the workshop server: who may log in (the user name is the join code, with no
//! password and no key), and one task per connection that owns that trainee's screen. It serves
//! the game and nothing else: no shell, no command, no forwarding, no file transfer. A client
//! with a pty gets the console; one without (`ssh -T`) gets plain mode.

use super::codes::Role;
use super::room::{Outcome, Room, Viewer};
use super::screen::{Screen, clamp};
use super::store::{Store, table_file, table_text};
use crate::tui::app::Msg;
use crate::tui::input::Decoder;
use russh::server::{Auth, ChannelOpenHandle, Handle, Handler, Msg as SshMsg, Session};
use russh::{Channel, ChannelId, MethodSet, Pty};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// How long a lone Esc waits for the rest of an escape sequence before it is a key.
const ESC_WAIT: Duration = Duration::from_millis(40);
/// The pause before a wrong code is refused, and what each recent wrong code from the same
/// address adds to it. Wrong codes from one address are refused one at a time, so opening many
/// connections guesses no faster.
pub const WRONG_CODE_DELAY: Duration = Duration::from_secs(1);
const WRONG_CODE_PENALTY: Duration = Duration::from_secs(2);
const WRONG_CODE_MAX: Duration = Duration::from_secs(20);
/// Wrong codes older than this are forgotten.
const WRONG_CODE_MEMORY: Duration = Duration::from_secs(600);
/// Connections the server holds at once, and from one address (a classroom behind one NAT
/// address stays well under it).
const MAX_CONNECTIONS: usize = 256;
const MAX_PER_ADDRESS: usize = 64;
/// A connection that has not logged in by then is closed.
const LOGIN_TIME: Duration = Duration::from_secs(30);
/// Input a connection may have waiting, unread, before more is dropped: a client that floods
/// keys while not reading its screen cannot grow the server's memory.
const MAX_QUEUED_INPUT: usize = 64 * 1024;
/// How long a goodbye may take to reach a client before the server gives up on it.
const GOODBYE_TIME: Duration = Duration::from_secs(2);

/// Where connections come from, for counting: an IPv6 address by its /64 (a host may have
/// many in it), `None` when the transport gives no address.
type Origin = Option<IpAddr>;

fn origin(peer: Option<SocketAddr>) -> Origin {
    peer.map(|p| match p.ip() {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut s = v6.segments();
                s[4..].fill(0);
                IpAddr::V6(s.into())
            }
        },
        v4 => v4,
    })
}

/// Recent wrong codes from one address, and the gate that makes them wait their turn.
struct Wrong {
    count: u32,
    at: Instant,
    gate: Arc<tokio::sync::Mutex<()>>,
}

/// What every connection shares: the room, who must redraw, where tables are saved.
pub struct Shared {
    room: Mutex<Room>,
    /// One version counter per table, bumped when its screens change.
    tables: Vec<watch::Sender<u64>>,
    /// Bumped when any table changes: the facilitator watches this one.
    any: watch::Sender<u64>,
    pub store: Store,
    /// Set when the server is stopping: every connection restores its screen and closes.
    pub stopping: watch::Sender<bool>,
    /// What a client is told as the server stops: whether its table was saved.
    farewell: Mutex<String>,
    wrong: Mutex<HashMap<Origin, Wrong>>,
    /// Open connections, by where they come from.
    conns: Mutex<HashMap<Origin, usize>>,
    /// Connections with a screen open now: the server waits for them to say goodbye.
    live: watch::Sender<usize>,
}

impl Shared {
    pub fn new(room: Room, store: Store) -> Shared {
        let tables = (0..room.desks.len()).map(|_| watch::channel(0).0).collect();
        Shared {
            room: Mutex::new(room),
            tables,
            any: watch::channel(0).0,
            store,
            stopping: watch::channel(false).0,
            farewell: Mutex::new(String::new()),
            wrong: Mutex::new(HashMap::new()),
            conns: Mutex::new(HashMap::new()),
            live: watch::channel(0).0,
        }
    }

    /// The room, even if a connection's task panicked while holding it: the game state is
    /// whole between messages, so the workshop goes on.
    pub fn room(&self) -> MutexGuard<'_, Room> {
        lock(&self.room)
    }

    /// Carries out what a message changed: saves, exports, redraws.
    pub fn apply(&self, room: &Room, out: &Outcome) {
        for &k in &out.save {
            if let Some(d) = room.desks.get(k) {
                self.store.write(table_file(k), table_text(&d.table));
            }
        }
        for (name, text) in &out.export {
            self.store.write(name.clone(), text.clone());
        }
        for &k in &out.changed {
            if let Some(w) = self.tables.get(k) {
                w.send_modify(|v| *v += 1);
            }
        }
        if !out.changed.is_empty() {
            self.any.send_modify(|v| *v += 1);
        }
    }

    fn watch(&self, role: Role) -> watch::Receiver<u64> {
        match role {
            Role::Seat { table, .. } => self.tables_watch(table),
            Role::Facilitator => self.any.subscribe(),
        }
    }

    /// Changes once each time table `k`'s screens change.
    pub fn tables_watch(&self, k: usize) -> watch::Receiver<u64> {
        self.tables[k].subscribe()
    }

    /// Counts a connection's screen in (`true`) or out.
    pub fn live(&self, here: bool) {
        self.live
            .send_modify(|n| *n = if here { *n + 1 } else { n.saturating_sub(1) });
    }

    /// Stops the workshop: the room takes no more orders, every table is saved (after any
    /// write still queued), and every client is told whether its table was. Returns the
    /// tables that could not be saved, with why.
    pub async fn stop(&self, limit: Duration) -> Vec<String> {
        self.room().closed = true;
        self.store.flush();
        let failed = self.save_all();
        *lock(&self.farewell) = if failed.is_empty() {
            "The workshop server has stopped; every table is saved. Join again when your instructor restarts it.".into()
        } else {
            "The workshop server has stopped, but some tables could NOT be saved: tell your instructor.".into()
        };
        self.stopping.send_replace(true);
        let ended = async {
            while !lock(&self.conns).is_empty() {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        };
        let _ = tokio::time::timeout(limit, ended).await;
        failed
    }

    /// Every table's save, written now; the tables that failed, with why.
    fn save_all(&self) -> Vec<String> {
        let room = self.room();
        let mut failed = Vec::new();
        for (k, d) in room.desks.iter().enumerate() {
            if let Err(e) = self.store.write_now(&table_file(k), &table_text(&d.table)) {
                failed.push(format!("table {}: {e:#}", k + 1));
            }
        }
        failed
    }

    /// Tells the consoles of tables whose last save failed (and those whose save works again).
    pub fn report_saves(&self) {
        let mut room = self.room();
        let out = room.mark_unsaved(|k| self.store.failure(&table_file(k)));
        self.apply(&room, &out);
    }

    /// Counts a new connection from `from` in, unless the server or that address already has
    /// as many as it takes.
    fn connect(self: &Arc<Self>, from: Origin) -> Option<Counted> {
        let mut conns = lock(&self.conns);
        let total: usize = conns.values().sum();
        let here = conns.entry(from).or_insert(0);
        if total >= MAX_CONNECTIONS || *here >= MAX_PER_ADDRESS {
            return None;
        }
        *here += 1;
        Some(Counted {
            shared: Arc::clone(self),
            from,
        })
    }

    /// The gate wrong codes from `from` pass one at a time.
    fn gate(&self, from: Origin) -> Arc<tokio::sync::Mutex<()>> {
        let mut wrong = lock(&self.wrong);
        let now = Instant::now();
        wrong.retain(|_, w| {
            now.duration_since(w.at) < WRONG_CODE_MEMORY || Arc::strong_count(&w.gate) > 1
        });
        let w = wrong.entry(from).or_insert_with(|| Wrong {
            count: 0,
            at: now,
            gate: Arc::default(),
        });
        Arc::clone(&w.gate)
    }

    /// How long to wait before refusing a wrong code from `from`, counting this one.
    fn wrong_code(&self, from: Origin) -> Duration {
        if from.is_none() {
            return WRONG_CODE_MAX;
        }
        let mut wrong = lock(&self.wrong);
        let now = Instant::now();
        let w = wrong.entry(from).or_insert_with(|| Wrong {
            count: 0,
            at: now,
            gate: Arc::default(),
        });
        let before = w.count;
        w.count += 1;
        w.at = now;
        (WRONG_CODE_DELAY + WRONG_CODE_PENALTY * before).min(WRONG_CODE_MAX)
    }
}

/// A mutex's contents, even after a panic elsewhere while it was held.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One open connection, counted while it lives.
struct Counted {
    shared: Arc<Shared>,
    from: Origin,
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut conns = lock(&self.shared.conns);
        if let Some(n) = conns.get_mut(&self.from) {
            *n -= 1;
            if *n == 0 {
                conns.remove(&self.from);
            }
        }
    }
}

/// Accepts connections until the listener fails: each one counted, given `LOGIN_TIME` to log
/// in, then served until it ends.
pub async fn accept(
    shared: Arc<Shared>,
    config: Arc<russh::server::Config>,
    listener: tokio::net::TcpListener,
) -> std::io::Result<()> {
    loop {
        let (stream, peer) = listener.accept().await?;
        let Some(counted) = shared.connect(origin(Some(peer))) else {
            // Too many already: closing at once costs nothing.
            continue;
        };
        let _ = stream.set_nodelay(true);
        let (conn, mut logged_in) = Conn::new(Arc::clone(&shared), Some(peer));
        let config = Arc::clone(&config);
        let (shared_stop, shared_live) = (shared.stopping.clone(), shared.live.clone());
        tokio::spawn(async move {
            let _counted = counted;
            let Ok(Ok(session)) =
                tokio::time::timeout(LOGIN_TIME, russh::server::run_stream(config, stream, conn))
                    .await
            else {
                return;
            };
            let handle = session.handle();
            let mut session = std::pin::pin!(session);
            let login = async {
                matches!(
                    tokio::time::timeout(LOGIN_TIME, logged_in.wait_for(|l| *l)).await,
                    Ok(Ok(_))
                )
            };
            let in_time = tokio::select! {
                _ = &mut session => return,
                ok = login => ok,
            };
            if !in_time {
                let _ = handle
                    .disconnect(
                        russh::Disconnect::ByApplication,
                        "log in with your join code as the user name".into(),
                        String::new(),
                    )
                    .await;
                return;
            }
            let mut stopping = shared_stop.subscribe();
            tokio::select! {
                _ = &mut session => {}
                () = stopped(&mut stopping) => {
                    // Every screen's goodbye is queued first; the client is then given time to
                    // read it and close the connection itself (a disconnect sent at once would
                    // drop output still waiting for the client's window). Only a client that
                    // stays is disconnected.
                    let mut live = shared_live.subscribe();
                    let _ = tokio::time::timeout(2 * GOODBYE_TIME, live.wait_for(|n| *n == 0)).await;
                    if tokio::time::timeout(GOODBYE_TIME, &mut session).await.is_err() {
                        let _ = handle
                            .disconnect(
                                russh::Disconnect::ByApplication,
                                "the workshop server stopped".into(),
                                String::new(),
                            )
                            .await;
                        let _ = tokio::time::timeout(GOODBYE_TIME, session).await;
                    }
                }
            }
        });
    }
}

/// What reaches a connection's task from its handler.
pub enum Input {
    Bytes(Vec<u8>),
    Resize(u16, u16),
}

/// A connection's input as its task reads it; what is read no longer counts against the
/// connection's queue.
pub struct Inbox {
    rx: mpsc::UnboundedReceiver<Input>,
    queued: Arc<AtomicUsize>,
}

impl Inbox {
    fn took(&self, i: Option<Input>) -> Option<Input> {
        if let Some(Input::Bytes(b)) = &i {
            self.queued.fetch_sub(b.len(), Ordering::Relaxed);
        }
        i
    }

    pub async fn recv(&mut self) -> Option<Input> {
        let i = self.rx.recv().await;
        self.took(i)
    }

    /// For plain mode's thread.
    pub fn blocking_recv(&mut self) -> Option<Input> {
        let i = self.rx.blocking_recv();
        self.took(i)
    }
}

pub struct Conn {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    role: Option<Role>,
    channel: Option<ChannelId>,
    /// The pty's size, if the client asked for one.
    size: Option<(u16, u16)>,
    /// Where the connection's input goes, once its screen has started.
    input: Option<mpsc::UnboundedSender<Input>>,
    queued: Arc<AtomicUsize>,
    /// Whether a screen has been started: a connection gets one, ever.
    started: bool,
    /// Set once the code is accepted.
    logged_in: watch::Sender<bool>,
    /// Set when the client has gone: plain mode stops waiting for the turn.
    pub gone: watch::Sender<bool>,
}

impl Conn {
    fn new(shared: Arc<Shared>, peer: Option<SocketAddr>) -> (Conn, watch::Receiver<bool>) {
        let (logged_in, rx) = watch::channel(false);
        let conn = Conn {
            shared,
            peer,
            role: None,
            channel: None,
            size: None,
            input: None,
            queued: Arc::default(),
            started: false,
            logged_in,
            gone: watch::channel(false).0,
        };
        (conn, rx)
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.gone.send_replace(true);
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        let role = self.shared.room().admit(user);
        if let Some(role) = role {
            self.role = Some(role);
            self.logged_in.send_replace(true);
            return Ok(Auth::Accept);
        }
        let from = origin(self.peer);
        let gate = self.shared.gate(from);
        let _turn = gate.lock().await;
        let wait = self.shared.wrong_code(from);
        tokio::time::sleep(wait).await;
        Ok(Auth::Reject {
            proceed_with_methods: Some(MethodSet::empty()),
            partial_success: false,
        })
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<SshMsg>,
        reply: ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        // One screen per connection.
        if self.channel.is_some() || self.role.is_none() {
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = Some(clamp(cols, rows));
        session.channel_success(channel)
    }

    async fn window_change_request(
        &mut self,
        _: ChannelId,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        let (w, h) = clamp(cols, rows);
        self.size = Some((w, h));
        if let Some(tx) = &self.input {
            let _ = tx.send(Input::Resize(w, h));
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (Some(role), false) = (self.role, self.started) else {
            return session.channel_failure(channel);
        };
        session.channel_success(channel)?;
        self.started = true;
        let (tx, rx) = mpsc::unbounded_channel();
        self.input = Some(tx);
        let inbox = Inbox {
            rx,
            queued: Arc::clone(&self.queued),
        };
        let shared = Arc::clone(&self.shared);
        let handle = session.handle();
        match self.size {
            Some(size) => {
                tokio::spawn(console(shared, role, handle, channel, size, inbox));
            }
            None => {
                let gone = self.gone.subscribe();
                tokio::spawn(super::plain::serve(
                    shared, role, handle, channel, inbox, gone,
                ));
            }
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        refuse(
            channel,
            session,
            "This server runs only the Backchannel workshop: connect without a command.",
        )
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        refuse(
            channel,
            session,
            "This server runs only the Backchannel workshop: no file transfer.",
        )
    }

    async fn data(
        &mut self,
        _: ChannelId,
        data: &[u8],
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(tx) = &self.input else {
            return Ok(());
        };
        if self.queued.load(Ordering::Relaxed) + data.len() > MAX_QUEUED_INPUT {
            return Ok(());
        }
        // Counted before it is sent, so the reader never takes away more than was added.
        self.queued.fetch_add(data.len(), Ordering::Relaxed);
        if tx.send(Input::Bytes(data.to_vec())).is_err() {
            self.queued.fetch_sub(data.len(), Ordering::Relaxed);
        }
        Ok(())
    }

    async fn channel_eof(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        self.input = None;
        Ok(())
    }

    async fn channel_close(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        self.input = None;
        self.gone.send_replace(true);
        Ok(())
    }
}

fn refuse(channel: ChannelId, session: &mut Session, why: &str) -> Result<(), russh::Error> {
    session.extended_data(channel, 1, format!("{why}\r\n").into_bytes())?;
    session.channel_failure(channel)?;
    session.exit_status_request(channel, 1)?;
    session.eof(channel)?;
    session.close(channel)
}

/// Returns once the server is stopping (at once if it already is).
pub async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|s| *s).await;
}

/// One trainee's (or the facilitator's) screen: decodes their keys into messages for the room,
/// and redraws whenever their table changes, until they leave or the server stops.
async fn console(
    shared: Arc<Shared>,
    role: Role,
    handle: Handle,
    channel: ChannelId,
    size: (u16, u16),
    mut inbox: Inbox,
) {
    let mut screen = Screen::new(size);
    let mut viewer = Viewer {
        size,
        hits: Default::default(),
    };
    let mut decoder = Decoder::default();
    let mut changed = shared.watch(role);
    let mut stopping = shared.stopping.subscribe();
    let send = |bytes: Vec<u8>| {
        let handle = handle.clone();
        async move { handle.data(channel, bytes).await.is_ok() }
    };
    let step = |viewer: &Viewer, msgs: Vec<Msg>| -> bool {
        let mut room = shared.room();
        let mut close = false;
        for msg in msgs {
            let out = room.input(role, viewer, msg);
            shared.apply(&room, &out);
            close |= out.close;
            if close {
                break;
            }
        }
        close
    };
    shared.live(true);
    {
        let mut room = shared.room();
        let out = room.presence(role, true);
        shared.apply(&room, &out);
    }
    step(&viewer, vec![Msg::Resize(size.0, size.1)]);
    let mut stop = false;
    let mut alive = send(Screen::enter()).await;
    while alive {
        changed.borrow_and_update();
        let (bytes, hits) = {
            let room = shared.room();
            screen.draw(|f| room.draw(role, f))
        };
        viewer.hits = hits;
        // A client that stops reading holds up only its own screen, and not the server's stop.
        if !bytes.is_empty() {
            tokio::select! {
                ok = send(bytes) => alive = ok,
                () = stopped(&mut stopping) => stop = true,
            }
            if !alive || stop {
                break;
            }
        }
        let msgs = tokio::select! {
            input = inbox.recv() => match input {
                None => break,
                Some(Input::Bytes(b)) => decoder.feed(&b),
                Some(Input::Resize(w, h)) => {
                    viewer.size = (w, h);
                    screen.resize((w, h));
                    vec![Msg::Resize(w, h)]
                }
            },
            () = tokio::time::sleep(ESC_WAIT), if decoder.is_waiting() => decoder.idle(),
            r = changed.changed() => {
                alive = r.is_ok();
                Vec::new()
            }
            () = stopped(&mut stopping) => {
                stop = true;
                break;
            }
        };
        if !msgs.is_empty() && step(&viewer, msgs) {
            break;
        }
    }
    {
        let mut room = shared.room();
        let out = room.presence(role, false);
        shared.apply(&room, &out);
    }
    let farewell = if stop {
        lock(&shared.farewell).clone()
    } else {
        "You left the workshop. Your seat and your draft are kept: join again with the same command.".to_owned()
    };
    let goodbye = async {
        let _ = handle.data(channel, Screen::leave(&farewell)).await;
        let _ = handle.exit_status_request(channel, 0).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
    };
    let _ = tokio::time::timeout(GOODBYE_TIME, goodbye).await;
    shared.live(false);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::codes::Codes;
    use crate::tui::theme::Theme;

    #[test]
    fn an_ipv6_host_counts_as_its_64_and_a_mapped_ipv4_as_itself() {
        let at = |s: &str| origin(Some(SocketAddr::new(s.parse().unwrap(), 1)));
        assert_eq!(at("2001:db8:1:2:aaaa::1"), at("2001:db8:1:2:bbbb::9"));
        assert_ne!(at("2001:db8:1:2::1"), at("2001:db8:1:3::1"));
        assert_eq!(at("::ffff:10.0.0.7"), at("10.0.0.7"));
        assert_eq!(origin(None), None);
    }

    #[test]
    fn connections_are_capped_per_address_and_counted_out_when_they_end() {
        let dir = tempfile::tempdir().unwrap();
        let room = Room::new(Vec::new(), Codes::default(), Theme { colour: false });
        let shared = Arc::new(Shared::new(room, Store::open(dir.path().into()).unwrap()));
        let here = origin(Some("10.0.0.7:1".parse().unwrap()));
        let held: Vec<Counted> = (0..MAX_PER_ADDRESS)
            .map(|_| shared.connect(here).expect("under the cap"))
            .collect();
        assert!(
            shared.connect(here).is_none(),
            "one too many from one address"
        );
        let other = origin(Some("10.0.0.8:1".parse().unwrap()));
        assert!(
            shared.connect(other).is_some(),
            "another address still gets in"
        );
        drop(held);
        assert!(shared.connect(here).is_some());
        assert!(
            lock(&shared.conns).get(&here).is_none(),
            "nothing is left counted"
        );
    }
}
