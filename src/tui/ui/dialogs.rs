//! Dialogs drawn over the screen: help (the screen's keys and the glossary), an item's detail,
//! the action form, the quit confirmation and notices.

use super::{Hit, Hits, fit};
use crate::engine::SeatView;
use crate::tui::app::Dialog;
use crate::tui::form::Step;
use crate::tui::model;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// A centred rectangle `w`×`h` (clamped to `area`).
fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    r
}

/// What a dialog shows besides itself: the keys of the screen under it, the seat's view (for an
/// action form) and whether the game is saved (for the quit question).
pub struct Context<'a> {
    pub theme: Theme,
    pub keys: &'static [(&'static str, &'static str)],
    pub view: Option<SeatView<'a>>,
    /// This turn's orders so far, so a form can say before Enter why it would be refused.
    pub draft: Option<&'a crate::engine::Orders>,
    /// Whether a game is under way, which quitting saves.
    pub game: bool,
    pub unsaved: bool,
}

/// Draws the dialog; returns where its own click targets are and, for one that scrolls, how far
/// it can.
pub fn draw(frame: &mut Frame<'_>, area: Rect, cx: &Context<'_>, d: &Dialog) -> Hits {
    let t = cx.theme;
    let mut hits = Hits::default();
    match d {
        Dialog::Help { scroll } => {
            let r = centred(
                area,
                area.width.saturating_sub(6),
                area.height.saturating_sub(2),
            );
            let mut lines = Vec::new();
            if let Some(m) = cx.view.and_then(|v| v.mandate()) {
                lines.push(Line::from(Span::styled(
                    "Your government's mandate",
                    t.title(),
                )));
                lines.push(Line::from(format!("{}: {}", m.name, m.description)));
                lines.push(Line::from(
                    "It does not change during the game; the others read it from what you do.",
                ));
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled("Keys on this screen", t.title())));
            for (k, v) in cx.keys {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {k:<8}"), t.key()),
                    Span::raw(v.to_string()),
                ]));
            }
            for (k, v) in [
                ("Tab", "next panel or page (Shift-Tab: back)"),
                ("↑↓ j k", "move; ←→ h l: change or move sideways"),
                ("Enter", "choose, open, confirm"),
                ("Esc", "back or close; on the dashboard, asks as q does"),
                ("?", "this help"),
                ("q", "quit (the game is saved)"),
                ("x", "dashboard: withdraw the selected order"),
                ("r b", "dashboard: last turn's report, the briefing"),
                (
                    "p",
                    "dashboard: the ledger of measures, agreements and proposals",
                ),
                (
                    "e",
                    "dashboard: end the turn (you record your assessment first)",
                ),
                ("▼ ● ▲", "postures: restrain, routine, intensify"),
                ("◆", "diplomatic capital an action costs"),
                ("↑ ↓", "an action that escalates or de-escalates"),
                (
                    "mouse",
                    "click a panel or an item (again to open it), a key below, a form's ◀ ▶",
                ),
            ]
            .into_iter()
            // A key this screen already named above is not told twice, and the dashboard's keys
            // and symbols only over a game.
            .filter(|(k, v)| {
                let in_game = v.starts_with("dashboard:") || ["▼ ● ▲", "◆", "↑ ↓"].contains(k);
                !cx.keys.iter().any(|(here, _)| here == k) && (cx.view.is_some() || !in_game)
            }) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {k:<8}"), t.key()),
                    Span::raw(v),
                ]));
            }
            if let Some(v) = cx.view {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    "The intent types of this scenario",
                    t.title(),
                )));
                for i in &v.scenario().intents {
                    lines.push(Line::from(vec![
                        Span::styled(format!("{} ", i.name), t.key()),
                        Span::raw(format!("(hostility {:.1}): {}", i.hostility, i.description)),
                    ]));
                }
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled("Glossary", t.title())));
            for term in model::glossary(model::GLOSSARY) {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", term.name), t.key()),
                    Span::raw(term.text),
                ]));
            }
            frame.render_widget(Clear, r);
            let block = Block::bordered().title(Span::styled(" Help — Esc closes ", t.title()));
            let p = Paragraph::new(lines).wrap(Wrap { trim: true });
            hits.scroll_max = Some(super::scrolled(
                frame,
                r,
                p,
                block,
                *scroll,
                super::more_below(t),
            ));
        }
        Dialog::Detail {
            title,
            lines,
            scroll,
        } => {
            let r = centred(area, 76.min(area.width), area.height.saturating_sub(4));
            frame.render_widget(Clear, r);
            let lines: Vec<Line> = lines.iter().map(|l| Line::from(l.as_str())).collect();
            let block =
                Block::bordered().title(Span::styled(format!(" {title} — Esc closes "), t.title()));
            let p = Paragraph::new(lines).wrap(Wrap { trim: false });
            hits.scroll_max = Some(super::scrolled(
                frame,
                r,
                p,
                block,
                *scroll,
                super::more_below(t),
            ));
        }
        Dialog::Action(form) => action_form(frame, area, cx, form, &mut hits),
        Dialog::ConfirmQuit => {
            let r = centred(area, 56, 6);
            frame.render_widget(Clear, r);
            let (state, yes) = match (cx.unsaved, cx.game) {
                (true, _) => (
                    "Your last turns are NOT saved: the data folder cannot be written.",
                    "quit anyway   ",
                ),
                (false, true) => (
                    "Your game is saved; Continue resumes it.",
                    "save and quit   ",
                ),
                (false, false) => ("", "quit   "),
            };
            let mut keys = vec![Span::styled(" y ", t.key()), Span::raw(yes)];
            // Only over a game is there a menu to go back to.
            if cx.view.is_some() {
                keys.extend([Span::styled(" m ", t.key()), Span::raw("menu   ")]);
            }
            keys.extend([Span::styled(" n ", t.key()), Span::raw("stay")]);
            let mut lines = vec![Line::from("Quit Backchannel?")];
            if !state.is_empty() {
                lines.push(Line::from(state));
            }
            lines.extend([Line::from(""), Line::from(keys)]);
            frame.render_widget(
                Paragraph::new(lines).block(Block::bordered().title(" Quit ")),
                r,
            );
        }
        Dialog::ConfirmLoad { text, .. } => {
            let r = centred(area, 70, 10);
            frame.render_widget(Clear, r);
            frame.render_widget(
                Paragraph::new(vec![
                    Line::from(text.as_str()),
                    Line::from(""),
                    Line::from(vec![
                        Span::styled(" y ", t.key()),
                        Span::raw("load it and replace that save   "),
                        Span::styled(" n ", t.key()),
                        Span::raw("keep the newer save"),
                    ]),
                ])
                .block(Block::bordered().title(" Replace a newer save? "))
                .wrap(Wrap { trim: true }),
                r,
            );
        }
        Dialog::Notice { title, text } => {
            let r = centred(area, 70, 12);
            frame.render_widget(Clear, r);
            frame.render_widget(
                Paragraph::new(text.as_str())
                    .block(Block::bordered().title(format!(" {title} — Enter closes ")))
                    .wrap(Wrap { trim: false }),
                r,
            );
        }
    }
    hits
}

/// The action form, sized to what it says; each field a click target where the wrapped text puts
/// it: a click on its label chooses it, on ◀ or ▶ also changes it.
fn action_form(
    frame: &mut Frame<'_>,
    area: Rect,
    cx: &Context<'_>,
    form: &crate::tui::form::Form,
    hits: &mut Hits,
) {
    const WIDTH: u16 = 74;
    let t = cx.theme;
    let (name, vis, what) = model::action_info(form.kind);
    let text_w = WIDTH.min(area.width).saturating_sub(2);
    let about = format!("{what} Seen by: {vis}.");
    let about = Line::from(Span::styled(about, t.dim()));
    // Where each field's line is, from the top of the text, with its label's and value's widths.
    // A field takes one line: a value too long for it is clipped, and the order below says it
    // whole.
    let about_h = Paragraph::new(about.clone())
        .wrap(Wrap { trim: true })
        .line_count(text_w);
    let mut y = u16::try_from(about_h).unwrap_or(u16::MAX).saturating_add(1);
    let mut fields = Vec::new();
    let mut lines = vec![about, Line::from("")];
    for (i, f) in form.fields.iter().enumerate() {
        let style = if i == form.sel {
            t.selected()
        } else {
            ratatui::style::Style::new()
        };
        let label = format!("{:<12}", f.label);
        let room = usize::from(text_w).saturating_sub(label.width() + 4);
        let value = format!("◀ {} ▶", fit::clip(f.shown(), room));
        fields.push((y, label.width(), value.width()));
        y = y.saturating_add(2);
        lines.push(Line::from(vec![
            Span::styled(label, t.key()),
            Span::styled(value, style),
        ]));
        lines.push(Line::from(""));
    }
    if let (Some(view), Some(a)) = (cx.view, form.action()) {
        let text = crate::report::Narrator::for_seat(view).action(view.seat(), &a);
        lines.push(Line::from(Span::styled(
            format!("In your report: {text}."),
            t.title(),
        )));
        // Why Enter would be refused, said as soon as the choices make it so.
        let refusal = cx
            .draft
            .and_then(|d| crate::table::draft::check_addition(view, d, &a).err());
        if let Some(e) = refusal.filter(|_| form.error.is_none()) {
            lines.push(Line::from(Span::styled(
                format!("✘ Not possible: {e}."),
                t.error(),
            )));
        }
    }
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(format!("✘ {e}"), t.error())));
    }
    let p = Paragraph::new(lines).wrap(Wrap { trim: true });
    let h = u16::try_from(p.line_count(text_w)).unwrap_or(u16::MAX);
    let r = centred(area, WIDTH, h.saturating_add(2));
    let block = Block::bordered().title(Span::styled(
        format!(" {name} — Enter adds, Esc cancels "),
        t.title(),
    ));
    let inner = block.inner(r);
    for (i, (dy, label_w, value_w)) in fields.into_iter().enumerate() {
        let row =
            Rect::new(inner.x, inner.y.saturating_add(dy), inner.width, 1).intersection(inner);
        let at = |dx: usize| {
            let x = inner
                .x
                .saturating_add(u16::try_from(dx).unwrap_or(u16::MAX));
            Rect::new(x, row.y, 1, 1).intersection(row)
        };
        hits.push(row, Hit::Field(i, Step::Stay));
        hits.push(at(label_w), Hit::Field(i, Step::Back));
        hits.push(at(label_w + value_w - 1), Hit::Field(i, Step::On));
    }
    frame.render_widget(Clear, r);
    frame.render_widget(p.block(block), r);
}
