use super::*;
use crate::engine::Intervention;
use crate::serve::codes::Code;
use crate::tui::app::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

fn room(tables: usize) -> Room {
    let sc =
        crate::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron")).unwrap();
    let humans = [
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    ];
    let mut codes = Codes::default();
    codes
        .insert("boss".parse().unwrap(), Role::Facilitator)
        .unwrap();
    let desks = (0..tables)
        .map(|k| {
            for (i, &actor) in humans.iter().enumerate() {
                let code: Code = format!("t{k}-s{i}").parse().unwrap();
                codes.insert(code, Role::Seat { table: k, actor }).unwrap();
            }
            let t = Table::new(Arc::clone(&sc), 7, &humans);
            Desk::new(t, Theme { colour: false }, Stage::Briefing)
        })
        .collect();
    Room::new(desks, codes, Theme { colour: false })
}

fn seat(room: &Room, code: &str) -> Role {
    room.admit(code).unwrap()
}

fn viewer() -> Viewer {
    Viewer {
        size: (120, 40),
        hits: Hits::default(),
    }
}

fn keys(room: &mut Room, role: Role, msgs: &[Msg]) -> Outcome {
    let mut out = Outcome::default();
    for &m in msgs {
        out.merge(room.input(role, &viewer(), m));
    }
    out
}

fn screen(room: &Room, role: Role) -> String {
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| {
        room.draw(role, f);
    })
    .unwrap();
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

/// Both seats of table `k` end the turn with their drafts as they are.
fn play_turn(room: &mut Room, k: usize) {
    for s in 0..2 {
        let r = seat(room, &format!("t{k}-s{s}"));
        keys(room, r, &[Msg::Enter, Msg::Char('e'), Msg::Enter]);
    }
}

#[test]
fn codes_admit_their_seats_and_nothing_else() {
    let r = room(2);
    assert_eq!(r.admit("boss"), Some(Role::Facilitator));
    assert!(matches!(
        r.admit("t1-s0"),
        Some(Role::Seat { table: 1, .. })
    ));
    assert_eq!(r.admit("t2-s0"), None);
    assert_eq!(r.admit(""), None);
}

#[test]
fn two_seats_never_see_each_others_private_events() {
    let mut r = room(1);
    let (a, b) = (seat(&r, "t0-s0"), seat(&r, "t0-s1"));
    play_turn(&mut r, 0);
    let (sa, sb) = (screen(&r, a), screen(&r, b));
    assert!(sa.contains("Turn 1 report, Atlantis"), "{sa}");
    assert!(sb.contains("Turn 1 report, Borealis"), "{sb}");
    // Each side's services' own operations are private to it.
    assert!(sa.contains("Atlantis's services began"), "{sa}");
    assert!(!sb.contains("Atlantis's services began"), "{sb}");
    assert!(sb.contains("Borealis's services began"), "{sb}");
    assert!(!sa.contains("Borealis's services began"), "{sa}");
}

#[test]
fn a_turn_resolves_when_every_seat_is_ready_and_is_saved() {
    let mut r = room(1);
    let a = seat(&r, "t0-s0");
    let out = keys(&mut r, a, &[Msg::Enter, Msg::Char('e'), Msg::Enter]);
    assert!(out.save.contains(&0));
    assert_eq!(r.desks[0].table.game().state().turn, 0);
    assert!(screen(&r, a).contains("Orders sent"));
    keys(&mut r, a, &[Msg::NextPanel]);
    assert!(screen(&r, a).contains("your orders are in; waiting for Borealis"));
    let b = seat(&r, "t0-s1");
    keys(&mut r, b, &[Msg::Enter, Msg::Char('e'), Msg::Enter]);
    assert_eq!(r.desks[0].table.game().state().turn, 1);
}

#[test]
fn a_team_shares_one_draft_and_a_reconnecting_trainee_finds_it() {
    let mut r = room(1);
    let a = seat(&r, "t0-s0");
    r.presence(a, true);
    r.presence(a, true);
    assert_eq!(r.desks[0].present(r.desks[0].table.humans()[0]), 2);
    // One member sets the posture toward Borealis to intensify.
    let out = keys(&mut r, a, &[Msg::Enter, Msg::NextPanel, Msg::Right]);
    assert!(out.save.contains(&0), "a draft change is saved");
    let human = r.desks[0].table.humans()[0];
    let draft = r.desks[0].table.seat(human).unwrap().draft.clone();
    assert!(!draft.postures.is_empty(), "the table holds the draft");
    // The other member's screen is the same console: it shows the draft.
    assert!(screen(&r, a).contains("intensify"));
    // Everyone leaves and comes back: the draft is where it was.
    r.presence(a, false);
    r.presence(a, false);
    r.presence(a, true);
    assert_eq!(r.desks[0].table.seat(human).unwrap().draft, draft);
    assert!(screen(&r, a).contains("intensify"));
}

#[test]
fn the_facilitator_paces_intervenes_and_it_is_in_the_record() {
    let mut r = room(2);
    let f = Role::Facilitator;
    let out = keys(&mut r, f, &[Msg::Char('P')]);
    assert!(r.desks.iter().all(|d| d.table.is_paused()));
    assert_eq!(out.save.len(), 2);
    keys(&mut r, f, &[Msg::Char('P')]);
    assert!(r.desks.iter().all(|d| !d.table.is_paused()));
    // A news item to table 1 only.
    let mut msgs = vec![Msg::Char('i'), Msg::Right, Msg::Down];
    msgs.extend("Markets fall.".chars().map(Msg::Char));
    msgs.push(Msg::Enter);
    keys(&mut r, f, &msgs);
    assert_eq!(r.desks[0].table.game().interventions().len(), 1);
    assert!(r.desks[1].table.game().interventions().is_empty());
    assert!(matches!(
        &r.desks[0].table.game().interventions()[0].what,
        Intervention::News { text, .. } if text == "Markets fall."
    ));
    // Forcing the turn at table 1: seats not ready wait.
    keys(&mut r, f, &[Msg::Char('f')]);
    assert_eq!(r.desks[0].table.game().state().turn, 1);
    assert_eq!(r.desks[1].table.game().state().turn, 0);
    // The save replays exactly, intervention included.
    let back = r.desks[0].record().to_text().unwrap();
    let restored = crate::autosave::Resume::parse(&back)
        .unwrap()
        .restore()
        .unwrap();
    assert_eq!(restored.game().hash(), r.desks[0].table.game().hash());
    assert_eq!(restored.game().interventions().len(), 1);
    // The facilitator sees the truth; a seat does not see the overview.
    let fs = screen(&r, f);
    assert!(fs.contains("Table 1: seats and the truth"), "{fs}");
    assert!(fs.contains("truly Security-seeker"), "{fs}");
    assert!(!screen(&r, seat(&r, "t0-s0")).contains("truly"));
    // Watching a seat shows its own screen; any key returns.
    keys(&mut r, f, &[Msg::Char('v')]);
    let watched = screen(&r, f);
    assert!(
        watched.contains("WATCHING Atlantis at table 1"),
        "{watched}"
    );
    assert!(watched.contains("Turn 1 report, Atlantis"), "{watched}");
    keys(&mut r, f, &[Msg::Char('x')]);
    assert!(screen(&r, f).contains("seats and the truth"));
}

#[test]
fn the_facilitator_hands_a_seat_to_the_computer_and_back() {
    let mut r = room(1);
    let f = Role::Facilitator;
    keys(&mut r, f, &[Msg::Char('c')]);
    let human = r.desks[0].table.humans()[0];
    assert!(r.desks[0].table.seat(human).unwrap().stand_in.is_some());
    // The other seat's orders now resolve the turn alone.
    let b = seat(&r, "t0-s1");
    keys(&mut r, b, &[Msg::Enter, Msg::Char('e'), Msg::Enter]);
    assert_eq!(r.desks[0].table.game().state().turn, 1);
    keys(&mut r, f, &[Msg::Char('c')]);
    assert!(r.desks[0].table.seat(human).unwrap().stand_in.is_none());
}

#[test]
fn the_timer_runs_out_and_the_turn_resolves_with_absent_seats_waiting() {
    let mut r = room(1);
    r.desks[0].table.set_timer(Some(3));
    assert!(r.tick().save.is_empty());
    r.tick();
    let out = r.tick();
    assert!(out.save.contains(&0));
    assert_eq!(r.desks[0].table.game().state().turn, 1);
    let a = seat(&r, "t0-s0");
    assert!(screen(&r, a).contains("Turn 1 report"));
}

#[test]
fn the_class_debrief_exports_every_table() {
    let mut r = room(2);
    play_turn(&mut r, 0);
    play_turn(&mut r, 1);
    let out = keys(&mut r, Role::Facilitator, &[Msg::Char('e')]);
    let (name, text) = &out.export[0];
    assert_eq!(name, "class-debrief.md");
    assert!(text.contains("| Table 1 | Table 2 |"), "{text}");
    assert!(text.contains("The two games are the same"), "{text}");
}

#[test]
fn orders_for_a_turn_that_is_over_are_not_taken_and_a_stopping_room_takes_none() {
    let mut r = room(1);
    let human = r.desks[0].table.humans()[0];
    let draft = |r: &Room| r.desks[0].table.seat(human).unwrap().draft.clone();
    let mut orders = crate::engine::Orders::default();
    orders.postures.push((
        r.desks[0].table.humans()[1],
        crate::engine::Posture::Intensify,
    ));
    // Plain mode chose for turn 0, but the facilitator forced the turn meanwhile.
    play_turn(&mut r, 0);
    assert_eq!(r.desks[0].table.game().state().turn, 1);
    r.set_draft(0, human, 0, orders.clone());
    assert_eq!(
        draft(&r),
        crate::engine::Orders::default(),
        "the stale draft was dropped"
    );
    let (result, _) = r.submit(0, human, 0, orders.clone());
    assert_eq!(result, Err(NotTaken::Stale));
    // For the turn being played, they go.
    r.set_draft(0, human, 1, orders.clone());
    assert_eq!(draft(&r), orders);
    r.closed = true;
    let (result, out) = r.submit(0, human, 1, orders);
    assert_eq!(result, Err(NotTaken::Closed));
    assert!(out.save.is_empty());
    let a = seat(&r, "t0-s0");
    assert_eq!(
        keys(&mut r, a, &[Msg::Char('e'), Msg::Enter]),
        Outcome::default()
    );
    assert_eq!(r.tick(), Outcome::default());
}

#[test]
fn a_resumed_ready_seat_starts_a_fresh_draft_and_failed_saves_are_told() {
    let mut r = room(1);
    let a = seat(&r, "t0-s0");
    // Atlantis intensifies toward Borealis and sends it; Borealis has not moved.
    keys(&mut r, a, &[Msg::Enter, Msg::NextPanel, Msg::Right]);
    keys(&mut r, a, &[Msg::Char('e'), Msg::Enter]);
    let human = r.desks[0].table.humans()[0];
    let seat_now = r.desks[0].table.seat(human).unwrap().clone();
    assert!(seat_now.ready && !seat_now.draft.postures.is_empty());
    // The server restarts from the save: the console does not offer the sent orders again.
    let desk = Desk::new(
        r.desks[0].table.clone(),
        Theme { colour: false },
        Stage::Dashboard,
    );
    assert_eq!(
        desk.console(human).unwrap().draft,
        crate::engine::Orders::default()
    );
    // A table whose save failed says so on its seats' screens, and stops saying it once saved.
    let out = r.mark_unsaved(|_| Some("disk full".into()));
    assert!(out.changed.contains(&0));
    assert!(r.desks[0].consoles.iter().all(|c| c.unsaved.is_some()));
    assert_eq!(
        r.mark_unsaved(|_| Some("disk full".into())),
        Outcome::default()
    );
    r.mark_unsaved(|_| None);
    assert!(r.desks[0].consoles.iter().all(|c| c.unsaved.is_none()));
}
