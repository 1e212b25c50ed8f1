//! The terminal interface driven through its messages, drawn into a `TestBackend`: snapshots of
//! every screen at 80×24, 120×40 and 200×60, the screens' transitions, a whole game to the debrief, a
//! game interrupted and continued, colour that never carries meaning alone, and every size down
//! to 1×1 drawn without a panic.

use backchannel::tui::app::{App, Config, Dialog, Msg, Panel};
use backchannel::tui::console::Console;
use backchannel::tui::host;
use backchannel::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use std::path::{Path, PathBuf};

fn config(dir: &Path, colour: bool) -> Config {
    Config {
        data_dir: dir.to_path_buf(),
        scenario_dirs: vec![PathBuf::from("scenarios")],
        seed: 42,
        theme: Theme { colour },
        clock: || 1_796_212_800,
    }
}

/// Where the app is: the console's screen during a game, else the host's.
fn at(a: &App) -> String {
    match a.stage() {
        Some(s) => format!("{s:?}"),
        None => format!("{:?}", a.screen),
    }
}

fn con(a: &App) -> &Console {
    a.console().expect("a game is showing")
}

/// The dialogs over what shows: the console's during a game, else the host's.
fn dialogs(a: &App) -> &Vec<Dialog> {
    match a.stage() {
        Some(_) => &con(a).dialogs,
        None => &a.dialogs,
    }
}

fn app(dir: &Path) -> App {
    App::new(config(dir, true))
}

fn send(app: &mut App, msgs: &[Msg]) {
    for m in msgs {
        host::step(app, *m);
    }
}

/// Draws as the event loop does, keeping where clicks land.
fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    host::step(app, Msg::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut hits = Default::default();
    t.draw(|f| hits = backchannel::tui::ui::draw(f, app))
        .unwrap();
    app.set_hits(hits);
    t
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

fn snap(name: &str, app: &mut App) {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let text = screen(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

/// Menu → new game → briefing → dashboard.
fn to_dashboard(app: &mut App) {
    send(app, &[Msg::Char('n'), Msg::Enter]);
    assert_eq!(at(app), "Briefing");
    send(app, &[Msg::Enter]);
    assert_eq!(at(app), "Dashboard");
}

/// Ends the turn with an assessment of the first counterpart, then leaves the report.
fn play_turn(app: &mut App) {
    send(app, &[Msg::Char('e')]);
    if at(app) == "Assessment" {
        send(app, &[Msg::Char('1'), Msg::Enter]);
    }
    assert_eq!(at(app), "TurnReport");
    send(app, &[Msg::Enter]);
}

#[test]
fn snapshots_of_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    snap("menu", &mut a);
    send(&mut a, &[Msg::Char('?')]);
    snap("help", &mut a);
    send(&mut a, &[Msg::Back, Msg::Enter]);
    assert_eq!(at(&a), "NewGame");
    snap("new_game", &mut a);
    send(&mut a, &[Msg::Enter]);
    snap("briefing", &mut a);
    send(&mut a, &[Msg::Enter]);
    snap("dashboard", &mut a);
    // An action form: a private message to Borealis.
    send(&mut a, &[Msg::Char('3'), Msg::Enter]);
    assert!(matches!(dialogs(&a).last(), Some(Dialog::Action(_))));
    snap("action_form", &mut a);
    send(&mut a, &[Msg::Enter]);
    assert!(dialogs(&a).is_empty());
    // A posture, then the orders panel.
    send(&mut a, &[Msg::Char('2'), Msg::Left, Msg::Char('4')]);
    snap("dashboard_with_orders", &mut a);
    send(&mut a, &[Msg::Char('1'), Msg::Enter]);
    snap("feed_detail", &mut a);
    send(&mut a, &[Msg::Back, Msg::Char('e')]);
    assert_eq!(at(&a), "Assessment");
    send(&mut a, &[Msg::Char('1'), Msg::Right, Msg::Char('+')]);
    snap("assessment", &mut a);
    send(&mut a, &[Msg::Enter]);
    assert_eq!(at(&a), "TurnReport");
    snap("turn_report", &mut a);
    send(&mut a, &[Msg::Enter]);
    send(&mut a, &[Msg::Char('q')]);
    snap("confirm_quit", &mut a);
    send(&mut a, &[Msg::Char('n')]);
    while at(&a) != "Debrief" {
        play_turn(&mut a);
    }
    for tab in 0..5 {
        snap(&format!("debrief_{tab}"), &mut a);
        send(&mut a, &[Msg::NextPanel]);
    }
    send(&mut a, &[Msg::Back, Msg::Down, Msg::Down, Msg::Enter]);
    assert_eq!(at(&a), "Load");
    snap("load", &mut a);
}

/// The dashboard with a counterpart's proposal pending, seven counterparts and long names: the
/// first such turn of the first seed that has one.
#[test]
fn snapshots_of_a_pending_proposal_among_many_counterparts() {
    use backchannel::ids::ActorIx;
    let dir = tempfile::tempdir().unwrap();
    for seed in 1..40 {
        let mut a = app(dir.path());
        a.start(
            Path::new("scenarios/norms-summit.ron"),
            seed,
            vec![ActorIx(0)],
        )
        .unwrap();
        send(&mut a, &[Msg::Enter]);
        while at(&a) == "Dashboard" {
            let v = a.view().unwrap();
            if v.proposals_to_me().next().is_some() {
                assert!(v.others().count() >= 6);
                send(&mut a, &[Msg::Char('4')]);
                snap("dashboard_proposal", &mut a);
                // The ledger lists the pending proposals with how to answer them.
                send(&mut a, &[Msg::Char('p')]);
                let text = screen(&mut a, 120, 40);
                assert!(text.contains("Ledger"), "{text}");
                assert!(text.contains("pending: yours to answer"), "{text}");
                return;
            }
            play_turn(&mut a);
        }
    }
    panic!("no counterpart proposed anything in 39 games");
}

#[test]
fn hot_seat_hands_over_between_seats() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    send(&mut a, &[Msg::Enter]);
    // Roles: Atlantis, Borealis, hot seat.
    send(&mut a, &[Msg::Right, Msg::Right, Msg::Enter, Msg::Enter]);
    assert_eq!(at(&a), "Dashboard");
    let first = con(&a).seat;
    // The first player moves about before ending the turn.
    send(
        &mut a,
        &[
            Msg::Char('3'),
            Msg::Down,
            Msg::Down,
            Msg::Char('2'),
            Msg::Down,
        ],
    );
    assert_eq!(
        (con(&a).panel, con(&a).sel),
        (Panel::Counterparts, [0, 1, 2, 0])
    );
    send(&mut a, &[Msg::Char('e'), Msg::Enter]);
    assert_eq!(at(&a), "Handover");
    snap("handover", &mut a);
    // Nothing of the last seat shows on the hand-over screen.
    let text = screen(&mut a, 80, 24);
    assert!(!text.contains("Intelligence feed"));
    // The second seat opens on its own briefing, with a console of its own, and hears that
    // the first seat has given its orders.
    send(&mut a, &[Msg::Enter]);
    assert_eq!(at(&a), "Briefing");
    assert_ne!(con(&a).seat, first);
    assert_eq!(
        con(&a).notice.as_deref(),
        Some("Atlantis has given its orders.")
    );
    send(&mut a, &[Msg::Enter]);
    assert_eq!(at(&a), "Dashboard");
    // Nothing of where the first player's cursors were carries over.
    assert_eq!((con(&a).panel, con(&a).sel), (Panel::Feed, [0; 4]));
    assert!(con(&a).draft.actions.is_empty() && con(&a).draft.postures.is_empty());
    send(&mut a, &[Msg::Char('e'), Msg::Enter]);
    assert_eq!(at(&a), "Handover");
    send(&mut a, &[Msg::Enter]);
    assert_eq!(at(&a), "TurnReport");
    assert_eq!(con(&a).seat, first);
    // Each player's own turn report, then their own dashboard on the panel they left, its lists
    // back at the top for the new turn.
    assert_eq!(con(&a).report_turn, 1);
    send(&mut a, &[Msg::Enter]);
    assert_eq!((con(&a).panel, con(&a).sel), (Panel::Counterparts, [0; 4]));
}

#[test]
fn transitions_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    // Quitting from the menu with no game: nothing to save, no menu to go back to.
    send(&mut a, &[Msg::Char('q')]);
    let text = screen(&mut a, 80, 24);
    assert!(
        text.contains(" y quit ") && !text.contains("m menu"),
        "{text}"
    );
    assert!(!text.contains("Your game is saved"), "{text}");
    send(&mut a, &[Msg::Char('n')]);
    assert!(dialogs(&a).is_empty());
    // Continue with nothing saved stays on the menu with a notice.
    send(&mut a, &[Msg::Char('c')]);
    assert_eq!(at(&a), "Menu");
    assert!(a.notice.is_some());
    send(&mut a, &[Msg::Up, Msg::Enter]);
    assert_eq!(at(&a), "NewGame");
    send(&mut a, &[Msg::Back]);
    assert_eq!(at(&a), "Menu");
    to_dashboard(&mut a);
    // Tab cycles the panels, Shift-Tab goes back.
    assert_eq!(con(&a).panel, Panel::Feed);
    send(&mut a, &[Msg::NextPanel]);
    assert_eq!(con(&a).panel, Panel::Counterparts);
    send(&mut a, &[Msg::PrevPanel, Msg::PrevPanel]);
    assert_eq!(con(&a).panel, Panel::Orders);
    // ←/→ never move between panels (a stray arrow must not reach a posture).
    send(&mut a, &[Msg::Char('1'), Msg::Right, Msg::Left]);
    assert_eq!(con(&a).panel, Panel::Feed);
    assert!(con(&a).draft.postures.is_empty());
    // Postures: ←/→ in the counterparts panel.
    send(&mut a, &[Msg::Char('2'), Msg::Right]);
    assert_eq!(con(&a).draft.postures.len(), 1);
    // An action is added, then withdrawn.
    send(&mut a, &[Msg::Char('3'), Msg::Enter, Msg::Enter]);
    assert_eq!(con(&a).draft.actions.len(), 1);
    // Enter on an order does not withdraw it; x does.
    send(&mut a, &[Msg::Char('4'), Msg::Enter]);
    assert_eq!(con(&a).draft.actions.len(), 1);
    send(&mut a, &[Msg::Char('x')]);
    assert!(con(&a).draft.actions.is_empty());
    // Esc on the dashboard asks before leaving, as q does, and offers the menu.
    send(&mut a, &[Msg::Back]);
    assert!(matches!(dialogs(&a).last(), Some(Dialog::ConfirmQuit)));
    let text = screen(&mut a, 80, 24);
    assert!(
        text.contains("save and quit") && text.contains("m menu"),
        "{text}"
    );
    send(&mut a, &[Msg::Char('n')]);
    assert_eq!(at(&a), "Dashboard");
    // Help opens on ? and closes on Esc, leaving the screen as it was.
    send(&mut a, &[Msg::Char('?')]);
    assert!(matches!(dialogs(&a).last(), Some(Dialog::Help { .. })));
    assert!(screen(&mut a, 120, 40).contains("Your government's mandate"));
    send(&mut a, &[Msg::Back]);
    assert!(dialogs(&a).is_empty());
    assert_eq!(at(&a), "Dashboard");
    // b reopens the briefing; Esc returns.
    send(&mut a, &[Msg::Char('b')]);
    assert_eq!(at(&a), "Briefing");
    send(&mut a, &[Msg::Back]);
    assert_eq!(at(&a), "Dashboard");
    // Esc from the assessment returns to the dashboard without sending.
    send(&mut a, &[Msg::Char('e'), Msg::Back]);
    assert_eq!(at(&a), "Dashboard");
    assert_eq!(a.table.as_ref().unwrap().game().current_turn(), 1);
    // Spending more than the capital is refused in the form with the engine's reason.
    send(&mut a, &[Msg::Char('3')]);
    for _ in 0..10 {
        send(&mut a, &[Msg::Down]);
    }
    // Sanctions cost 3, twice is 6 > 4.
    let sanctions = {
        a.view()
            .unwrap()
            .actions()
            .position(|(k, _)| k == backchannel::scenario::file::ActionKind::Sanctions)
            .unwrap()
    };
    a.console_mut().unwrap().sel[2] = sanctions;
    send(&mut a, &[Msg::Enter, Msg::Enter, Msg::Enter, Msg::Enter]);
    match dialogs(&a).last() {
        Some(Dialog::Action(f)) => assert!(f.error.as_deref().unwrap().contains("capital")),
        other => panic!("expected the form with an error, got {other:?}"),
    }
    send(&mut a, &[Msg::Back]);
    // q asks first; y saves and quits.
    send(&mut a, &[Msg::Char('q')]);
    assert!(!a.quit);
    send(&mut a, &[Msg::Char('y')]);
    assert!(a.quit);
    assert!(dir.path().join("autosave.ron").is_file());
}

#[test]
fn a_whole_game_reaches_the_debrief_and_exports_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    to_dashboard(&mut a);
    let mut turns = 0;
    while at(&a) != "Debrief" {
        play_turn(&mut a);
        turns += 1;
        assert!(turns <= 16, "the game should end by the turn limit");
    }
    let d = con(&a).debrief.as_ref().unwrap();
    assert!(d.outcome.is_some());
    assert!(!d.assessments.is_empty(), "the assessments were recorded");
    // What would have worked: a fork from every turn, the player picks one with ↑↓.
    let worked = d.worked.as_ref().expect("people played this game");
    assert_eq!(worked.every_turn.len() as u32, d.turns);
    assert!(d.worked_lines()[0].contains("was in truth"));
    for _ in 0..4 {
        send(&mut a, &[Msg::NextPanel]);
    }
    send(&mut a, &[Msg::Down, Msg::Down]);
    assert_eq!(con(&a).fork_turn, 3);
    let page = screen(&mut a, 120, 40);
    assert!(page.contains("from turn 3 of"), "{page}");
    // What each did at that turn, side by side.
    assert!(
        page.contains("Turn 3, you: ") && page.contains("Turn 3, the diplomat: "),
        "{page}"
    );
    // The turning points scroll to their last question to discuss, and no further.
    send(&mut a, &[Msg::PrevPanel]);
    let bottom = scrolled_to_end(&mut a);
    let last = d_questions_last(&a);
    assert!(bottom.contains(&last), "{bottom}");
    stops_at_its_end(&mut a, &bottom, "the debrief");
    send(&mut a, &[Msg::NextPanel]);
    send(&mut a, &[Msg::Char('m')]);
    let md = dir
        .path()
        .join("debriefs")
        .join("grid-probe-atlantis-42-20261202-120000.md");
    assert!(md.is_file(), "{:?}", a.notice);
    assert!(std::fs::read_to_string(&md).unwrap().starts_with('#'));
    // The player is told where the file went, in full, however long the path.
    match dialogs(&a).last() {
        Some(Dialog::Notice { title, text }) => {
            assert_eq!(title, "Debrief exported");
            assert!(text.contains(&md.display().to_string()), "{text}");
        }
        other => panic!("no word of the export: {other:?}"),
    }
    send(&mut a, &[Msg::Enter]);
    assert!(dialogs(&a).is_empty());
}

/// The first words of the scenario's last debrief question.
fn d_questions_last(a: &App) -> String {
    let q = a
        .view()
        .unwrap()
        .scenario()
        .debrief_questions
        .last()
        .unwrap()
        .clone();
    q.chars().take(30).collect()
}

#[test]
fn an_interrupted_game_continues_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    to_dashboard(&mut a);
    for _ in 0..3 {
        play_turn(&mut a);
    }
    // Part-way through turn 4: a posture set but not sent.
    send(&mut a, &[Msg::Char('2'), Msg::Left]);
    let hash = a.table.as_ref().unwrap().game().hash();
    let draft = con(&a).draft.clone();
    send(&mut a, &[Msg::Interrupt]);
    assert!(a.quit);
    drop(a);

    let mut b = app(dir.path());
    send(&mut b, &[Msg::Char('c')]);
    assert_eq!(at(&b), "Dashboard");
    let t = b.table.as_ref().unwrap();
    assert_eq!(t.game().current_turn(), 4);
    assert_eq!(t.game().hash(), hash);
    assert_eq!(con(&b).draft, draft);
}

#[test]
fn colour_never_carries_meaning_alone_and_no_color_is_plain() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    to_dashboard(&mut a);
    let t = draw(&mut a, 80, 24);
    let buf = t.backend().buffer();
    // The ladder's colour (green at the bottom rung) comes with the rung's name.
    let row1: String = (0..80).map(|x| buf[(x, 1)].symbol().to_string()).collect();
    assert!(row1.contains("Ladder 1/6"));
    assert!((0..80).any(|x| buf[(x, 1)].fg == Color::Green));
    // Feed items carry their kind as a word as well as a colour.
    let text = t.backend().to_string();
    assert!(text.contains("NEWS") || text.contains("INTEL") || text.contains("INCIDENT"));

    let mut plain = App::new(config(dir.path(), false));
    to_dashboard(&mut plain);
    let t = draw(&mut plain, 80, 24);
    let buf = t.backend().buffer();
    for y in 0..24 {
        for x in 0..80 {
            let c = &buf[(x, y)];
            assert_eq!(c.fg, Color::Reset, "colour at {x},{y}");
            assert_eq!(c.bg, Color::Reset, "colour at {x},{y}");
        }
    }
}

#[test]
fn small_terminals_get_a_message_and_nothing_panics() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    let text = screen(&mut a, 79, 24);
    assert!(text.contains("Enlarge the terminal"));
    send(&mut a, &[Msg::Resize(80, 24)]);
    let mut states = vec![a.clone()];
    to_dashboard(&mut a);
    states.push(a.clone());
    send(&mut a, &[Msg::Char('3'), Msg::Enter]);
    states.push(a.clone());
    send(&mut a, &[Msg::Back, Msg::Char('?')]);
    states.push(a.clone());
    send(&mut a, &[Msg::Back]);
    while at(&a) != "Debrief" {
        play_turn(&mut a);
    }
    for tab in 0..5 {
        a.console_mut().unwrap().debrief_tab = tab;
        states.push(a.clone());
    }
    for s in &mut states {
        for w in (1..=130).step_by(9).chain([80, 81]) {
            for h in (1..=45).step_by(4).chain([24, 25]) {
                draw(s, w, h);
            }
        }
    }
}

#[test]
fn mouse_clicks_focus_panels_and_choose_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    draw(&mut a, 80, 24);
    // The menu's first line is New game; a click on it opens it.
    let list = (0..24)
        .find(|y| {
            screen(&mut a.clone(), 80, 24)
                .lines()
                .nth(*y)
                .unwrap()
                .contains("New game")
        })
        .unwrap() as u16;
    send(&mut a, &[Msg::Click(4, list)]);
    assert_eq!(at(&a), "NewGame");
    send(&mut a, &[Msg::Enter, Msg::Enter]);
    draw(&mut a, 120, 40);
    // A click in the right-hand column (Actions at 120 columns) focuses it and selects a row.
    send(&mut a, &[Msg::Click(100, 5)]);
    assert_eq!(con(&a).panel, Panel::Actions);
    assert_eq!(con(&a).sel[2], 2);
    // A second click on the same row opens its form.
    send(&mut a, &[Msg::Click(100, 5)]);
    assert!(matches!(dialogs(&a).last(), Some(Dialog::Action(_))));
}

/// A failed autosave is never reported as saved: the game goes to the rescue folder and the
/// notice names both places.
#[test]
fn a_failed_autosave_is_told_and_rescued() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "x").unwrap();
    let mut a = app(&blocked);
    a.start(
        Path::new("scenarios/grid-probe.ron"),
        42,
        vec![backchannel::ids::ActorIx(0)],
    )
    .unwrap();
    host::save(&mut a);
    let notice = a.notice.clone().unwrap_or_default();
    assert!(notice.starts_with("Could not save in"), "{notice}");
    assert!(
        notice.contains(&backchannel::autosave::rescue_dir().display().to_string()),
        "{notice}"
    );
    assert!(a.unsaved.is_none());
}

/// Orders the engine refuses keep the whole draft, so the player can mend it and send again.
#[test]
fn refused_orders_keep_the_draft() {
    use backchannel::engine::{Action, Posture};
    use backchannel::ids::ActorIx;
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    a.start(Path::new("scenarios/grid-probe.ron"), 42, vec![ActorIx(0)])
        .unwrap();
    send(&mut a, &[Msg::Enter]);
    a.console_mut()
        .unwrap()
        .draft
        .postures
        .push((ActorIx(1), Posture::Restrain));
    // No hotline exists at the start of grid-probe: the engine refuses the call.
    a.console_mut()
        .unwrap()
        .draft
        .actions
        .push(Action::HotlineCall {
            to: ActorIx(1),
            incident: None,
        });
    let before = con(&a).draft.clone();
    send(&mut a, &[Msg::Char('e'), Msg::Enter]);
    assert_eq!(con(&a).draft, before);
    assert!(matches!(dialogs(&a).last(), Some(Dialog::Notice { .. })));
    a.console_mut().unwrap().dialogs.clear();
    // The refused action is the one marked, and the orders panel shows it.
    assert_eq!(con(&a).refused, Some(0));
    assert_eq!(con(&a).panel, Panel::Orders);
    assert!(screen(&mut a, 120, 40).contains("REFUSED"));
    a.console_mut().unwrap().draft.actions.clear();
    send(&mut a, &[Msg::Char('e'), Msg::Enter]);
    assert_eq!(con(&a).draft, backchannel::engine::Orders::default());
    assert_eq!(at(&a), "TurnReport");
}

/// A click lands on what is drawn under the pointer, in scrolled lists too, at every size: each
/// counterpart of a scenario with six is scrolled to, found on screen by its name and clicked;
/// a click on the selected row opens it, so the detail that opens names what was clicked.
#[test]
fn clicks_land_on_what_is_drawn_in_scrolled_lists() {
    use backchannel::ids::ActorIx;
    // One row a counterpart at every size, the focused one detailed below.
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path());
        a.start(
            Path::new("scenarios/ransomware-proxy.ron"),
            3,
            vec![ActorIx(0)],
        )
        .unwrap();
        send(&mut a, &[Msg::Enter, Msg::Char('2')]);
        let names: Vec<String> = {
            let v = a.view().unwrap();
            v.others()
                .map(|o| v.scenario().actor(o).name.clone())
                .collect()
        };
        assert!(names.len() >= 6, "{names:?}");
        for (k, name) in names.iter().enumerate() {
            a.console_mut().unwrap().sel[1] = k;
            let text = screen(&mut a, w, h);
            // Names may be cut in a narrow panel; the first ten letters are enough. The
            // counterpart's own line carries its posture between ◀ and ▶.
            let prefix: String = name.chars().take(10).collect();
            let (x, y) = text
                .lines()
                .enumerate()
                .find_map(|(y, l)| {
                    // The name runs from the panel's border to the posture's ◀; each line of
                    // the backend's text is quoted, hence one column less.
                    let arrow = l.find('◀')?;
                    let start = l[..arrow].rfind('│')? + '│'.len_utf8();
                    l[start..arrow]
                        .starts_with(prefix.as_str())
                        .then(|| (l[..start].chars().count() as u16 - 1, y as u16))
                })
                .unwrap_or_else(|| panic!("{name} is drawn at {w}×{h}"));
            send(&mut a, &[Msg::Click(x + 2, y)]);
            match dialogs(&a).last() {
                Some(Dialog::Detail { title, .. }) => assert_eq!(title, name, "at {w}×{h}"),
                other => panic!("clicking {name} at {w}×{h} opened {other:?}"),
            }
            send(&mut a, &[Msg::Back]);
        }
    }
}

/// Loading an older copy of a game never replaces its newer save unasked: the question says
/// which turns would be lost; "n" keeps the newer game, "y" loads the copy.
#[test]
fn an_older_copy_asks_before_it_replaces_the_newer_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    to_dashboard(&mut a);
    play_turn(&mut a);
    let saves = dir.path().join("saves");
    let own = std::fs::read_dir(&saves)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let old = dir.path().join("copy-after-turn-1.ron");
    std::fs::copy(&own, &old).unwrap();
    play_turn(&mut a);
    play_turn(&mut a);
    send(&mut a, &[Msg::Back, Msg::Char('m')]);
    assert_eq!(at(&a), "Menu");
    host::load(&mut a, &old, false);
    match a.dialogs.last() {
        Some(Dialog::ConfirmLoad { text, .. }) => {
            assert!(
                text.contains("has 3 turns played; this copy has 1"),
                "{text}"
            );
            assert!(text.contains("turns 2 to 3 are lost"), "{text}");
        }
        other => panic!("expected the question, got {other:?}"),
    }
    send(&mut a, &[Msg::Char('n')]);
    assert_eq!(at(&a), "Menu");
    let newer = backchannel::autosave::read_resume(&own).unwrap();
    assert_eq!(newer.save.turns.len(), 3, "the newer save is kept");
    host::load(&mut a, &old, false);
    send(&mut a, &[Msg::Char('y')]);
    assert_eq!(at(&a), "Dashboard");
    assert_eq!(a.table.as_ref().unwrap().game().current_turn(), 2);
}

/// Behind the "enlarge the terminal" message no key acts unseen: only q (save and quit) and a
/// resize.
#[test]
fn nothing_acts_behind_the_enlarge_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    to_dashboard(&mut a);
    let turn = |a: &App| a.table.as_ref().unwrap().game().current_turn();
    send(
        &mut a,
        &[Msg::Resize(60, 15), Msg::Char('e'), Msg::Enter, Msg::Enter],
    );
    assert_eq!(turn(&a), 1);
    assert_eq!(at(&a), "Dashboard");
    assert!(screen(&mut a, 60, 15).contains("Enlarge the terminal"));
    send(&mut a, &[Msg::Resize(80, 24), Msg::Char('e')]);
    assert_eq!(at(&a), "Assessment", "at a usable size keys act again");
    send(&mut a, &[Msg::Resize(60, 15), Msg::Char('q')]);
    assert!(a.quit);
    assert!(dir.path().join("autosave.ron").is_file());
}

/// The assessment opens with last turn's values, so a belief carries over unless changed.
#[test]
fn the_assessment_keeps_last_turns_values() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    to_dashboard(&mut a);
    send(&mut a, &[Msg::Char('e'), Msg::Char('2'), Msg::Char('+')]);
    let given = con(&a).assess[0].probs.clone().expect("a guess");
    send(&mut a, &[Msg::Enter, Msg::Enter, Msg::Char('e')]);
    assert_eq!(at(&a), "Assessment");
    assert_eq!(con(&a).assess[0].probs.as_ref(), Some(&given));
}

/// The screen at 80×24 after PgDn has been held far past the end of the text on show.
fn scrolled_to_end(a: &mut App) -> String {
    for _ in 0..40 {
        screen(a, 80, 24);
        send(a, &[Msg::PageDown]);
    }
    screen(a, 80, 24)
}

/// The text on show stopped at its end: one line back up shows something else.
fn stops_at_its_end(a: &mut App, bottom: &str, what: &str) {
    send(a, &[Msg::Up]);
    assert_ne!(screen(a, 80, 24), bottom, "{what} scrolled past its end");
}

/// The help and the briefing scroll to their last line and no further: one key up after
/// holding PageDown moves the text at once.
#[test]
fn long_text_scrolls_to_its_end_and_no_further() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    to_dashboard(&mut a);
    // The help: its last lines stay on screen, and one line up shows something new.
    send(&mut a, &[Msg::Char('?')]);
    let bottom = scrolled_to_end(&mut a);
    assert!(bottom.contains("Hot seat"), "{bottom}");
    stops_at_its_end(&mut a, &bottom, "the help");
    send(&mut a, &[Msg::Back]);
    // The briefing.
    send(&mut a, &[Msg::Char('b')]);
    let bottom = scrolled_to_end(&mut a);
    assert!(bottom.contains("q saves and quits"), "{bottom}");
    let opening: String = a
        .view()
        .unwrap()
        .scenario()
        .briefing
        .chars()
        .take(20)
        .collect();
    assert!(
        !bottom.contains(&opening),
        "the briefing fits: nothing to scroll"
    );
    stops_at_its_end(&mut a, &bottom, "the briefing");
}

/// A scenario the checker refuses explains itself at length: the new-game screen scrolls the
/// explanation with PgDn, says while there is more, and stops at its end.
#[test]
fn the_new_game_screen_reads_a_long_description_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = dir.path().join("scenarios");
    std::fs::create_dir(&scenarios).unwrap();
    let good = std::fs::read_to_string("scenarios/grid-probe.ron").unwrap();
    // Three assets' criticality typed as text, with a field that does not exist: two errors
    // each, each with its fix.
    let broken = good.replacen("criticality: ", "criticality: \"high\", was: ", 3);
    std::fs::write(scenarios.join("broken.ron"), broken).unwrap();
    let mut cfg = config(dir.path(), false);
    cfg.scenario_dirs = vec![scenarios];
    let mut a = App::new(cfg);
    send(&mut a, &[Msg::Enter]);
    assert_eq!(at(&a), "NewGame");
    let top = screen(&mut a, 80, 24);
    assert!(
        top.contains("✘ broken") && top.contains("PgDn reads on"),
        "{top}"
    );
    let bottom = scrolled_to_end(&mut a);
    assert!(!bottom.contains("PgDn reads on"), "{bottom}");
    assert_ne!(top, bottom);
    send(&mut a, &[Msg::PageUp]);
    assert!(screen(&mut a, 80, 24).contains("PgDn reads on"));
}

/// More saves than the screen holds: the list follows the choice, says how many lie either way,
/// and a click chooses the save it lands on.
#[test]
fn the_load_screen_scrolls_a_long_list_of_saves() {
    let dir = tempfile::tempdir().unwrap();
    let saves = dir.path().join("saves");
    std::fs::create_dir(&saves).unwrap();
    for i in 0..30 {
        std::fs::write(saves.join(format!("game-{i:02}.ron")), "").unwrap();
    }
    let mut a = app(dir.path());
    send(&mut a, &[Msg::Down, Msg::Down, Msg::Enter]);
    assert_eq!(at(&a), "Load");
    let top = screen(&mut a, 80, 24);
    assert!(
        top.contains("▶ game-00.ron") && top.contains("↓ 10 more"),
        "{top}"
    );
    send(&mut a, &[Msg::Down; 29]);
    let bottom = screen(&mut a, 80, 24);
    assert!(
        bottom.contains("▶ game-29.ron") && bottom.contains("↑ 10 more"),
        "{bottom}"
    );
    assert!(!bottom.contains("game-00.ron"), "{bottom}");
    let (x, y) = find(&mut a, 80, 24, "game-25.ron");
    send(&mut a, &[Msg::Click(x, y)]);
    assert_eq!(a.load_sel, 25);
}

/// A form says why an order would be refused as soon as its choices make it so, and never starts
/// with nonsense: a coalition's partner is not also its target, and one's own side is not offered.
#[test]
fn forms_refuse_nonsense_with_the_reason_before_enter() {
    use backchannel::scenario::file::ActionKind;
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    to_dashboard(&mut a);
    let k = a
        .view()
        .unwrap()
        .actions()
        .position(|(kind, _)| kind == ActionKind::Coalition)
        .expect("grid-probe offers coalitions");
    a.console_mut().unwrap().sel[Panel::Actions.ix()] = k;
    send(&mut a, &[Msg::Char('3'), Msg::Enter]);
    let Some(Dialog::Action(form)) = dialogs(&a).last() else {
        panic!("no coalition form");
    };
    assert_ne!(form.fields[0].value(), form.fields[1].value());
    let own: Vec<String> = {
        let v = a.view().unwrap();
        let sc = v.scenario();
        sc.actor_ixs()
            .filter(|x| sc.same_side(*x, v.seat()))
            .map(|x| sc.actor(x).name.clone())
            .collect()
    };
    for f in &form.fields[..2] {
        assert!(
            f.choices.iter().all(|(name, _)| !own.contains(name)),
            "{own:?} offered"
        );
    }
    let text = screen(&mut a, 120, 40);
    assert!(
        text.contains("In your report:") && !text.contains("Not possible"),
        "{text}"
    );
    // The target stepped back onto the partner: refused, with the reason, before Enter.
    send(&mut a, &[Msg::Down, Msg::Left]);
    let text = screen(&mut a, 120, 40);
    assert!(
        text.contains("Not possible: a coalition partner cannot also be its target"),
        "{text}"
    );
    send(&mut a, &[Msg::Enter]);
    assert!(con(&a).draft.actions.is_empty());
}

/// Where `needle` is drawn at `w`×`h` (its lowest occurrence, so the key line's wins), as a
/// click position.
fn find(app: &mut App, w: u16, h: u16, needle: &str) -> (u16, u16) {
    let text = screen(app, w, h);
    text.lines()
        .enumerate()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find_map(|(y, l)| {
            // Each line of the backend's text is quoted, hence one column less.
            l.find(needle)
                .map(|b| (l[..b].chars().count() as u16 - 1, y as u16))
        })
        .unwrap_or_else(|| panic!("{needle:?} is not drawn:\n{text}"))
}

/// Clicks work on every screen: the key line's keys, the scenarios, the assessment's rows, the
/// debrief's pages and the quit question.
#[test]
fn clicks_work_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    let click = |a: &mut App, needle: &str| {
        let (x, y) = find(a, 80, 24, needle);
        send(a, &[Msg::Click(x + 1, y)]);
    };
    // The main menu, then a scenario chosen and opened by a second click.
    click(&mut a, "▶ New game");
    assert_eq!(at(&a), "NewGame");
    click(&mut a, "tutorial");
    click(&mut a, "tutorial");
    assert_eq!(at(&a), "Briefing");
    assert_eq!(a.view().unwrap().scenario().id.as_str(), "tutorial");
    // The key line: Enter leaves the briefing.
    click(&mut a, "Enter to the dashboard");
    assert_eq!(at(&a), "Dashboard");
    // The quit question answers a click on its keys.
    send(&mut a, &[Msg::Char('q')]);
    click(&mut a, "n stay");
    assert!(dialogs(&a).is_empty());
    // An action form: a click on a field's label chooses it, on ◀ or ▶ also changes it.
    let k = a
        .view()
        .unwrap()
        .actions()
        .position(|(kind, _)| kind == backchannel::scenario::file::ActionKind::ProposeMeasure)
        .expect("the tutorial offers measures");
    a.console_mut().unwrap().sel[Panel::Actions.ix()] = k;
    send(&mut a, &[Msg::Char('3'), Msg::Enter]);
    let form = |a: &App| match dialogs(a).last() {
        Some(Dialog::Action(f)) => f.clone(),
        other => panic!("no form: {other:?}"),
    };
    let f = form(&a);
    let last = f.fields.len() - 1;
    assert!(last > 0 && f.fields[last].choices.len() > 2, "{f:?}");
    let (x, y) = find(&mut a, 80, 24, f.fields[last].label);
    send(&mut a, &[Msg::Click(x + 1, y)]);
    assert_eq!((form(&a).sel, form(&a).fields[last].at), (last, 0));
    let w = 12 + form(&a).fields[last].shown().chars().count() as u16 + 3;
    send(&mut a, &[Msg::Click(x + w, y)]);
    assert_eq!(form(&a).fields[last].at, 1, "▶ steps on");
    send(&mut a, &[Msg::Click(x + 12, y), Msg::Click(x + 12, y)]);
    let n = form(&a).fields[last].choices.len();
    assert_eq!(
        form(&a).fields[last].at,
        n - 1,
        "◀ steps back, round the end"
    );
    let (x0, y0) = find(&mut a, 80, 24, f.fields[0].label);
    send(&mut a, &[Msg::Click(x0, y0)]);
    assert_eq!(form(&a).sel, 0);
    click(&mut a, "Esc cancel");
    assert!(dialogs(&a).is_empty());
    // The assessment: a click on an intent chooses it.
    click(&mut a, "e end turn");
    assert_eq!(at(&a), "Assessment");
    send(&mut a, &[Msg::Char('1')]);
    click(&mut a, "3 Revisionist  ");
    assert_eq!(con(&a).assess_sel.1, 2);
    click(&mut a, "Enter send");
    assert_eq!(at(&a), "TurnReport");
    click(&mut a, "Enter continue");
    assert_eq!(at(&a), "Dashboard");
    while at(&a) != "Debrief" {
        play_turn(&mut a);
    }
    click(&mut a, "Turning points");
    assert_eq!(con(&a).debrief_tab, 3);
    click(&mut a, "Charts");
    assert_eq!(con(&a).debrief_tab, 1);
}
