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
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// How long a lone Esc waits for the rest of an escape sequence before it is a key.
const ESC_WAIT: Duration = Duration::from_millis(40);
/// The pause before a wrong code is refused, and what each recent wrong code from the same
/// address adds to it.
pub const WRONG_CODE_DELAY: Duration = Duration::from_secs(1);
const WRONG_CODE_PENALTY: Duration = Duration::from_secs(2);
const WRONG_CODE_MAX: Duration = Duration::from_secs(20);
/// Wrong codes older than this are forgotten.
const WRONG_CODE_MEMORY: Duration = Duration::from_secs(600);

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
    wrong: Mutex<HashMap<IpAddr, (u32, Instant)>>,
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
            wrong: Mutex::new(HashMap::new()),
            live: watch::channel(0).0,
        }
    }

    /// The room, even if a connection's task panicked while holding it: the game state is
    /// whole between messages, so the workshop goes on.
    pub fn room(&self) -> MutexGuard<'_, Room> {
        self.room.lock().unwrap_or_else(|p| p.into_inner())
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

    /// Waits until every connection has restored its client's screen, or `limit` has passed.
    pub async fn wait_for_goodbyes(&self, limit: Duration) {
        let mut live = self.live.subscribe();
        let _ = tokio::time::timeout(limit, live.wait_for(|n| *n == 0)).await;
    }

    /// Every table's save, written now (the server is stopping).
    pub fn save_all(&self) {
        let room = self.room();
        for (k, d) in room.desks.iter().enumerate() {
            if let Err(e) = self.store.write_now(&table_file(k), &table_text(&d.table)) {
                eprintln!("backchannel serve: NOT SAVED table {}: {e:#}", k + 1);
            }
        }
    }

    /// How long to wait before refusing a wrong code from `ip`, counting this one.
    fn wrong_code(&self, ip: Option<IpAddr>) -> Duration {
        let Some(ip) = ip else {
            return WRONG_CODE_MAX;
        };
        let mut wrong = self.wrong.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        wrong.retain(|_, (_, at)| now.duration_since(*at) < WRONG_CODE_MEMORY);
        let entry = wrong.entry(ip).or_insert((0, now));
        let before = entry.0;
        *entry = (before + 1, now);
        (WRONG_CODE_DELAY + WRONG_CODE_PENALTY * before).min(WRONG_CODE_MAX)
    }
}

/// The russh server: a handler per connection.
#[derive(Clone)]
pub struct Server(pub Arc<Shared>);

impl russh::server::Server for Server {
    type Handler = Conn;
    fn new_client(&mut self, peer: Option<SocketAddr>) -> Conn {
        Conn {
            shared: Arc::clone(&self.0),
            peer,
            role: None,
            channel: None,
            size: None,
            input: None,
        }
    }
}

/// What reaches a connection's task from its handler.
enum Input {
    Bytes(Vec<u8>),
    Resize(u16, u16),
}

pub struct Conn {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    role: Option<Role>,
    channel: Option<ChannelId>,
    /// The pty's size, if the client asked for one.
    size: Option<(u16, u16)>,
    input: Option<mpsc::UnboundedSender<Input>>,
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        let role = self.shared.room().admit(user);
        if let Some(role) = role {
            self.role = Some(role);
            return Ok(Auth::Accept);
        }
        let wait = self.shared.wrong_code(self.peer.map(|p| p.ip()));
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
        let (Some(role), None) = (self.role, &self.input) else {
            return session.channel_failure(channel);
        };
        session.channel_success(channel)?;
        let (tx, rx) = mpsc::unbounded_channel();
        self.input = Some(tx);
        let shared = Arc::clone(&self.shared);
        let handle = session.handle();
        match self.size {
            Some(size) => {
                tokio::spawn(console(shared, role, handle, channel, size, rx));
            }
            None => {
                tokio::spawn(super::plain::serve(
                    shared,
                    role,
                    handle,
                    channel,
                    rx_bytes(rx),
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
        if let Some(tx) = &self.input {
            let _ = tx.send(Input::Bytes(data.to_vec()));
        }
        Ok(())
    }

    async fn channel_eof(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        self.input = None;
        Ok(())
    }

    async fn channel_close(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        self.input = None;
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

/// Plain mode reads bytes only; a resize means nothing to it.
fn rx_bytes(mut rx: mpsc::UnboundedReceiver<Input>) -> mpsc::UnboundedReceiver<Vec<u8>> {
    let (tx, out) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(i) = rx.recv().await {
            if let Input::Bytes(b) = i
                && tx.send(b).is_err()
            {
                break;
            }
        }
    });
    out
}

/// One trainee's (or the facilitator's) screen: decodes their keys into messages for the room,
/// and redraws whenever their table changes, until they leave or the server stops.
async fn console(
    shared: Arc<Shared>,
    role: Role,
    handle: Handle,
    channel: ChannelId,
    size: (u16, u16),
    mut rx: mpsc::UnboundedReceiver<Input>,
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
    let mut farewell = "You left the workshop. Your seat and your draft are kept: join again with the same command.";
    let mut alive = send(Screen::enter()).await;
    while alive {
        changed.borrow_and_update();
        let (bytes, hits) = {
            let room = shared.room();
            screen.draw(|f| room.draw(role, f))
        };
        viewer.hits = hits;
        if !bytes.is_empty() && !send(bytes).await {
            break;
        }
        let msgs = tokio::select! {
            input = rx.recv() => match input {
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
            _ = stopping.changed() => {
                farewell = "The workshop server has stopped; every table is saved. Join again when your instructor restarts it.";
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
    let _ = handle.data(channel, Screen::leave(farewell)).await;
    let _ = handle.exit_status_request(channel, 0).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
    shared.live(false);
}
