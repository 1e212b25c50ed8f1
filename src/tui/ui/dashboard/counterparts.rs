//! The counterparts panel: one row per actor with the posture of the seat's services toward it
//! and the tension between them, the focused one's summary below, and its full detail for the
//! window Enter opens.

use super::{list_then_detail, panel_block, rows};
use crate::engine::view::SeatView;
use crate::tui::app::Panel;
use crate::tui::console::Console;
use crate::tui::model::{self, Counterpart, pc};
use crate::tui::theme::Theme;
use crate::tui::ui::{Hits, fit, offset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub(super) fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    view: SeatView<'_>,
    console: &Console,
    hits: &mut Hits,
) {
    let t = console.theme();
    let focused = console.panel == Panel::Counterparts;
    let sel = console.sel[Panel::Counterparts.ix_pub()];
    let all = model::counterparts(view);
    let inner = Block::bordered().inner(area);
    let width = usize::from(inner.width);
    // One row a counterpart, then what the seat knows of the focused one.
    let detail = all
        .get(sel)
        .map(|c| counterpart_summary(view, c, width))
        .unwrap_or_default();
    let n = all.len() as u16;
    let room = inner.height.saturating_sub(n).max(2);
    let mut detail_lines: Vec<String> = Vec::new();
    let mut used = 0;
    for d in &detail {
        let h = fit::lines(d, inner.width);
        if used + h > room {
            if let Some(last) = detail_lines.last_mut() {
                let marked = format!("{last} …");
                *last = if fit::lines(&marked, inner.width) == fit::lines(last, inner.width) {
                    marked
                } else {
                    format!("{} …", fit::clip(last, width.saturating_sub(2)))
                };
            }
            break;
        }
        used += h;
        detail_lines.push(d.clone());
    }
    let [list, info] = list_then_detail(inner, all.len(), used);
    let per = usize::from(list.height);
    let first = offset(sel, per);
    let shown = all.len().saturating_sub(first).min(per);
    let title = if width >= 40 {
        "Counterparts · your services' posture"
    } else {
        "Counterparts · posture"
    };
    let block = crate::tui::ui::with_more(
        panel_block(title, '2', focused, t),
        t,
        first,
        shown,
        all.len(),
    );
    frame.render_widget(block, area);
    rows(hits, list, Panel::Counterparts, first, shown, 1);
    let name_w = name_width(width);
    let lines: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(first)
        .take(per)
        .map(|(i, c)| {
            let posture = console.draft_posture(c.actor).unwrap_or(c.posture);
            let changed = console
                .draft_posture(c.actor)
                .is_some_and(|p| p != c.posture);
            let mut head = Line::from(vec![
                Span::styled(fit::cell(&c.name, name_w), t.title()),
                Span::raw("◀"),
                Span::styled(
                    format!("{:<12}", model::posture_symbol(posture)),
                    posture_style(posture, t),
                ),
                Span::raw(if changed { "▶*" } else { "▶ " }),
                Span::styled(format!(" {}", tension_cell(c.tension)), t.dim()),
            ]);
            if focused && i == sel {
                head = head.style(t.selected());
            }
            head
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(
        Paragraph::new(detail_lines.join("\n"))
            .style(t.dim())
            .wrap(Wrap { trim: true }),
        info,
    );
}

/// The focused counterpart in a few short lines, most important first: the panel shows as many
/// as fit, and Enter opens them all.
fn counterpart_summary(view: SeatView<'_>, c: &Counterpart, width: usize) -> Vec<String> {
    let sc = view.scenario();
    let mut out = Vec::new();
    if c.name.chars().count() > name_width(width) {
        out.push(format!("▸ {}", c.name));
    }
    let state = sc.actor(c.actor).kind.is_state() && sc.actor(view.seat()).kind.is_state();
    out.push(format!(
        "trust {} · tension {:.1}{}",
        pc(c.trust),
        c.tension,
        if state {
            ""
        } else {
            " (not state to state: the ladder ignores it)"
        }
    ));
    out.push(match &c.assessed {
        Some((intent, p)) => format!("you think: {intent} {}", pc(*p)),
        None => "you think: not assessed yet".to_owned(),
    });
    let mut ties = vec![if c.channels.is_empty() {
        "no channel".to_owned()
    } else {
        c.channels.join(", ")
    }];
    if !c.agreements.is_empty() {
        ties.push(format!("{} agreement(s)", c.agreements.len()));
    }
    let ours = view.own_operations().filter(|o| o.owner == c.actor).count();
    if ours > 0 {
        ties.push(format!("our ops in its networks: {ours}"));
    }
    out.push(ties.join(" · "));
    out
}

fn posture_style(p: crate::engine::Posture, t: Theme) -> Style {
    match p {
        crate::engine::Posture::Restrain => t.good(),
        crate::engine::Posture::Routine => Style::new(),
        crate::engine::Posture::Intensify => t.bad(),
    }
}

/// What the seat knows of one counterpart, for its detail window.
pub fn counterpart_detail(view: SeatView<'_>, c: &Counterpart) -> Vec<String> {
    let sc = view.scenario();
    let mut out = vec![
        format!("{} ({})", c.name, c.kind),
        sc.actor(c.actor).description.clone(),
        String::new(),
        format!(
            "Your services toward it: {}: they {} (disruption only on your explicit order)",
            model::posture_symbol(c.posture),
            model::permitted(c.posture)
        ),
        format!(
            "Trust {} · tension {:.1} (the ladder's rungs are on the same scale)",
            pc(c.trust),
            c.tension
        ),
        format!(
            "Channels: {}",
            if c.channels.is_empty() {
                "none".to_owned()
            } else {
                c.channels.join(", ")
            }
        ),
        format!(
            "Agreements: {}",
            if c.agreements.is_empty() {
                "none".to_owned()
            } else {
                c.agreements.join("; ")
            }
        ),
        format!("Public reputation: {}", pc(view.reputation(c.actor))),
        String::new(),
    ];
    let ops: Vec<_> = view
        .own_operations()
        .filter(|o| o.owner == c.actor)
        .collect();
    if ops.is_empty() {
        out.push("Your services run no operation in its networks.".to_owned());
    } else {
        out.push("Your services' operations in its networks:".to_owned());
        for o in ops {
            out.push(format!(
                "  {} in {} since turn {}{}",
                crate::report::words::op_name(o.kind),
                sc.assets[o.target.ix()].name,
                o.since,
                if o.found {
                    " — they have found it"
                } else {
                    " — not known to be found"
                }
            ));
        }
    }
    out.extend([
        String::new(),
        "Your analysts' reading of its intent (from the evidence you have seen):".to_owned(),
    ]);
    let mut faint = Vec::new();
    for (i, p) in view.belief(c.actor).iter().enumerate() {
        if *p >= 0.005 {
            out.push(format!("  {:<16} {}", sc.intents[i].name, pc(*p)));
        } else {
            faint.push(sc.intents[i].name.as_str());
        }
    }
    // Every intent the assessment offers is named here, if only to say it is not in view.
    if !faint.is_empty() {
        out.push(format!("  Under 1%: {}", faint.join(", ")));
    }
    out.push(format!("Your fear of it: {}", pc(view.fear_now(c.actor))));
    if let Some(s) = &c.last_signal {
        out.push(String::new());
        out.push(format!("Last signal: {s}"));
    }
    out
}

/// How wide a counterpart's name may be in a row `width` wide: what the posture and the tension
/// leave, up to 22 columns.
fn name_width(width: usize) -> usize {
    width.saturating_sub(20).clamp(4, 22)
}

/// A tension in four columns: one decimal below 100, whole numbers from there.
fn tension_cell(x: f64) -> String {
    if x < 99.95 {
        format!("{x:>4.1}")
    } else {
        format!("{x:>4.0}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_tension_always_takes_four_columns() {
        for (x, s) in [
            (0.0, " 0.0"),
            (9.04, " 9.0"),
            (35.5, "35.5"),
            (99.94, "99.9"),
        ] {
            assert_eq!(super::tension_cell(x), s);
        }
        assert_eq!(super::tension_cell(106.4), " 106");
        assert_eq!(super::tension_cell(99.96), " 100");
    }
}
