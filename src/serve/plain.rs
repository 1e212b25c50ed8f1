//! Plain mode over ssh, for a client without a pty (`ssh -T`, a screen reader, a script): the
//! same numbered menus as `play --plain`, on the seat's shared table. It runs on a thread of its
//! own, since plain mode reads its input line by line.

use super::codes::Role;
use super::ssh::{Inbox, Input, Shared, stopped};
use crate::engine::Orders;
use crate::ids::ActorIx;
use crate::table::{Progress, Table};
use crate::tui::plain::{NotTaken, SharedSeat};
use russh::ChannelId;
use russh::server::Handle;
use std::collections::VecDeque;
use std::io::{BufReader, Read, Write};
use std::sync::Arc;
use tokio::sync::watch;

/// Serves plain mode to one connection until its input ends. `gone` is set when the client
/// leaves, so a seat waiting for the turn lets its thread go.
pub async fn serve(
    shared: Arc<Shared>,
    role: Role,
    handle: Handle,
    channel: ChannelId,
    inbox: Inbox,
    gone: watch::Receiver<bool>,
) {
    shared.live(true);
    presence(&shared, role, true);
    let done = Arc::clone(&shared);
    let rt = tokio::runtime::Handle::current();
    let out = Out {
        rt: rt.clone(),
        handle: handle.clone(),
        channel,
        buf: Vec::new(),
    };
    let input = BufReader::new(In {
        inbox,
        pending: VecDeque::new(),
    });
    let worker = tokio::task::spawn_blocking(move || match role {
        Role::Facilitator => {
            let mut out = out;
            let _ = writeln!(
                out,
                "The facilitator's console needs a terminal: connect without -T (ssh -p PORT CODE@HOST)."
            );
            let _ = out.flush();
        }
        Role::Seat { table, actor } => {
            let mut port = Port {
                shared,
                table,
                actor,
                rt,
                gone,
            };
            if let Err(e) = crate::tui::plain::play_seat(&mut port, actor, input, out) {
                eprintln!("backchannel serve: a plain-mode seat ended: {e:#}");
            }
        }
    });
    let _ = worker.await;
    let _ = handle.exit_status_request(channel, 0).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
    presence(&done, role, false);
    done.live(false);
}

/// Counts a plain-mode trainee at their seat, as a console is: the facilitator sees them.
fn presence(shared: &Shared, role: Role, here: bool) {
    let mut room = shared.room();
    let out = room.presence(role, here);
    shared.apply(&room, &out);
}

/// The seat's way to the room, from a blocking thread.
struct Port {
    shared: Arc<Shared>,
    table: usize,
    actor: ActorIx,
    rt: tokio::runtime::Handle,
    gone: watch::Receiver<bool>,
}

impl SharedSeat for Port {
    fn table(&mut self) -> Table {
        self.shared.room().desks[self.table].table.clone()
    }

    fn set_draft(&mut self, turn: u32, orders: Orders) {
        let mut room = self.shared.room();
        let out = room.set_draft(self.table, self.actor, turn, orders);
        self.shared.apply(&room, &out);
    }

    fn submit(&mut self, turn: u32, orders: Orders) -> Result<Progress, NotTaken> {
        let mut room = self.shared.room();
        let (result, out) = room.submit(self.table, self.actor, turn, orders);
        self.shared.apply(&room, &out);
        result
    }

    fn wait(&mut self, turn: u32) -> bool {
        let mut changed = self.shared.tables_watch(self.table);
        let mut stopping = self.shared.stopping.subscribe();
        loop {
            {
                let room = self.shared.room();
                let g = room.desks[self.table].table.game();
                if g.is_over() || g.state().turn > turn {
                    return true;
                }
            }
            let gone = &mut self.gone;
            let go_on = self.rt.block_on(async {
                tokio::select! {
                    r = changed.changed() => r.is_ok(),
                    () = stopped(&mut stopping) => false,
                    _ = gone.wait_for(|g| *g) => false,
                }
            });
            if !go_on {
                return false;
            }
        }
    }
}

/// The connection's bytes as a reader; its end is the end of input.
struct In {
    inbox: Inbox,
    pending: VecDeque<u8>,
}

impl Read for In {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pending.is_empty() {
            match self.inbox.blocking_recv() {
                // A typed line may end with a carriage return.
                Some(Input::Bytes(b)) => self
                    .pending
                    .extend(b.into_iter().map(|c| if c == b'\r' { b'\n' } else { c })),
                // A resize means nothing to lines of text.
                Some(Input::Resize(..)) => {}
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.pending.len());
        for (slot, b) in buf.iter_mut().zip(self.pending.drain(..n)) {
            *slot = b;
        }
        Ok(n)
    }
}

/// Writes down the channel, a flush at a time.
struct Out {
    rt: tokio::runtime::Handle,
    handle: Handle,
    channel: ChannelId,
    buf: Vec<u8>,
}

impl Write for Out {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        if self.buf.len() > 16 * 1024 {
            self.flush()?;
        }
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.buf);
        self.rt
            .block_on(self.handle.data(self.channel, bytes))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client left"))
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
