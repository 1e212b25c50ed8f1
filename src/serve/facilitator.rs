//! The facilitator's console: the state of what the instructor is looking at and typing, and
//! what each key does to the room's tables. Drawing is in `overview`.

use super::room::{Desk, Outcome};
use crate::ai::Strategy;
use crate::engine::Intervention;
use crate::engine::intervention::MAX_NEWS;
use crate::ids::{ActorIx, InjectIx};
use crate::report::Format;
use crate::scenario::Scenario;
use crate::table::Absent;
use crate::tui::app::Msg;

pub use super::overview::draw;

/// Seconds a "one more minute" key gives a turn.
pub const EXTEND: u32 = 60;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Overview,
    ClassDebrief,
    Help,
    /// The chosen seat's own screen, as its trainees see it.
    Watch,
}

#[derive(Clone, Debug, Default)]
pub struct Facilitator {
    pub size: (u16, u16),
    pub page: Page,
    /// The table looked at.
    pub table: usize,
    /// The seat of that table (index into its human seats) a stand-in key acts on.
    pub seat: usize,
    pub scroll: u16,
    pub form: Option<InterveneForm>,
    pub confirm_leave: bool,
    pub notice: Option<String>,
}

/// What an intervention form makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Inject,
    News,
    Tension,
    Pressure,
}

const KINDS: [Kind; 4] = [Kind::Inject, Kind::News, Kind::Tension, Kind::Pressure];

/// One line of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Kind,
    Inject,
    To,
    Text,
    A,
    B,
    Value,
    Reason,
    Tables,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Kind => "Intervention",
            Field::Inject => "Inject",
            Field::To => "To",
            Field::Text => "News text",
            Field::A => "Actor",
            Field::B => "and",
            Field::Value => "Value",
            Field::Reason => "Reason",
            Field::Tables => "Tables",
        }
    }

    /// Whether the field takes typed text (the others are cycled with ←→).
    pub fn typed(self) -> bool {
        matches!(self, Field::Text | Field::Value | Field::Reason)
    }
}

/// The intervention being prepared: every field's current choice.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InterveneForm {
    pub kind: usize,
    pub inject: usize,
    /// 0: everyone (an inject: its own audience); k: actor k − 1 only.
    pub to: usize,
    pub a: usize,
    pub b: usize,
    pub text: String,
    pub value: String,
    pub reason: String,
    pub all_tables: bool,
    pub sel: usize,
}

impl InterveneForm {
    pub fn kind(&self) -> Kind {
        KINDS[self.kind % KINDS.len()]
    }

    pub fn fields(&self) -> &'static [Field] {
        use Field as F;
        match self.kind() {
            Kind::Inject => &[F::Kind, F::Inject, F::To, F::Tables],
            Kind::News => &[F::Kind, F::Text, F::To, F::Tables],
            Kind::Tension => &[F::Kind, F::A, F::B, F::Value, F::Reason, F::Tables],
            Kind::Pressure => &[F::Kind, F::A, F::Value, F::Reason, F::Tables],
        }
    }

    pub fn field(&self) -> Field {
        let f = self.fields();
        f[self.sel.min(f.len() - 1)]
    }

    /// What a field shows now.
    pub fn shown(&self, f: Field, sc: &Scenario) -> String {
        let actor = |k: usize| sc.actors[k % sc.actors.len()].name.clone();
        match f {
            Field::Kind => match self.kind() {
                Kind::Inject => "an inject from the scenario".into(),
                Kind::News => "a news item you write".into(),
                Kind::Tension => "set the tension between two actors".into(),
                Kind::Pressure => "set an actor's domestic pressure".into(),
            },
            Field::Inject => sc.injects.get(self.inject).map_or_else(
                || "(the scenario has no injects)".into(),
                |i| format!("{} ({})", i.title, i.id),
            ),
            Field::To if self.to == 0 => match self.kind() {
                Kind::Inject => "its own audience".into(),
                _ => "everyone".into(),
            },
            Field::To => format!("{} only", actor(self.to - 1)),
            Field::A => actor(self.a),
            Field::B => actor(self.b),
            Field::Text => self.text.clone(),
            Field::Value => match self.kind() {
                Kind::Pressure => format!("{}  (0 calm to 1 the most)", self.value),
                _ => format!(
                    "{}  (the ladder's rungs start at its thresholds)",
                    self.value
                ),
            },
            Field::Reason => self.reason.clone(),
            Field::Tables if self.all_tables => "every table".into(),
            Field::Tables => "this table".into(),
        }
    }

    fn step(&mut self, forward: bool, sc: &Scenario) {
        let turn = |x: &mut usize, n: usize| {
            if n > 0 {
                *x = if forward {
                    (*x + 1) % n
                } else {
                    (*x + n - 1) % n
                };
            }
        };
        let n = sc.actors.len();
        match self.field() {
            Field::Kind => {
                turn(&mut self.kind, KINDS.len());
                self.sel = 0;
            }
            Field::Inject => turn(&mut self.inject, sc.injects.len()),
            Field::To => turn(&mut self.to, n + 1),
            Field::A => turn(&mut self.a, n),
            Field::B => turn(&mut self.b, n),
            Field::Tables => self.all_tables = !self.all_tables,
            Field::Text | Field::Value | Field::Reason => {}
        }
    }

    fn typed(&mut self) -> Option<&mut String> {
        match self.field() {
            Field::Text => Some(&mut self.text),
            Field::Value => Some(&mut self.value),
            Field::Reason => Some(&mut self.reason),
            _ => None,
        }
    }

    /// The intervention the form describes, or why it is not one yet.
    pub fn build(&self, sc: &Scenario) -> Result<Intervention, String> {
        let to = if self.to == 0 {
            Vec::new()
        } else {
            vec![ActorIx::from_ix(self.to - 1)]
        };
        let value = || {
            self.value.trim().parse::<f64>().map_err(|_| {
                format!(
                    "the value must be a number, such as 12.5; \"{}\" is not",
                    self.value.trim()
                )
            })
        };
        let what = match self.kind() {
            Kind::Inject => {
                if sc.injects.is_empty() {
                    return Err("this scenario has no injects; send a news item instead".into());
                }
                Intervention::Inject {
                    inject: InjectIx::from_ix(self.inject),
                    to,
                }
            }
            Kind::News => Intervention::News {
                text: self.text.trim().to_owned(),
                to,
            },
            Kind::Tension => Intervention::Tension {
                a: ActorIx::from_ix(self.a),
                b: ActorIx::from_ix(self.b),
                value: value()?,
                reason: self.reason.trim().to_owned(),
            },
            Kind::Pressure => Intervention::Pressure {
                actor: ActorIx::from_ix(self.a),
                value: value()?,
                reason: self.reason.trim().to_owned(),
            },
        };
        what.check(sc).map_err(|e| e.to_string())?;
        Ok(what)
    }
}

impl Facilitator {
    /// Handles one key of the facilitator's, acting on `desks`; what changed goes into `out`.
    pub fn update(&mut self, msg: Msg, desks: &mut [Desk], out: &mut Outcome) {
        if let Msg::Resize(w, h) = msg {
            self.size = (w, h);
            return;
        }
        if desks.is_empty() {
            return;
        }
        self.table = self.table.min(desks.len() - 1);
        if self.form.is_some() {
            self.update_form(msg, desks, out);
            return;
        }
        if self.confirm_leave {
            self.confirm_leave = false;
            if matches!(msg, Msg::Char('y') | Msg::Enter) {
                out.close = true;
            }
            return;
        }
        if msg == Msg::Interrupt {
            out.close = true;
            return;
        }
        if self.page != Page::Overview {
            match msg {
                Msg::Up => self.scroll = self.scroll.saturating_sub(1),
                Msg::Down => self.scroll = self.scroll.saturating_add(1),
                Msg::PageUp => self.scroll = self.scroll.saturating_sub(10),
                Msg::PageDown => self.scroll = self.scroll.saturating_add(10),
                Msg::Char('e') if self.page == Page::ClassDebrief => self.export(desks, out),
                Msg::Char('q') => self.confirm_leave = true,
                _ => {
                    self.page = Page::Overview;
                    self.scroll = 0;
                }
            }
            return;
        }
        self.notice = None;
        let k = self.table;
        let seats = desks[k].table.seats().len();
        match msg {
            Msg::Up | Msg::Char('k') => self.pick(k.saturating_sub(1)),
            Msg::Down | Msg::Char('j') => self.pick((k + 1).min(desks.len() - 1)),
            Msg::Left | Msg::PrevPanel if seats > 0 => self.seat = (self.seat + seats - 1) % seats,
            Msg::Right | Msg::NextPanel if seats > 0 => self.seat = (self.seat + 1) % seats,
            Msg::Char('p') => self.pause(desks, &[k], out),
            Msg::Char('P') => self.pause(desks, &all(desks), out),
            Msg::Char('f') => self.force(desks, &[k], out),
            Msg::Char('F') => self.force(desks, &all(desks), out),
            Msg::Char('m') => self.extend(desks, &[k], out),
            Msg::Char('M') => self.extend(desks, &all(desks), out),
            Msg::Char('c') => self.stand_in(desks, out),
            Msg::Char('i') => self.form = Some(InterveneForm::default()),
            Msg::Char('d') => {
                self.page = Page::ClassDebrief;
                self.scroll = 0;
            }
            Msg::Char('e') => self.export(desks, out),
            Msg::Char('?') => self.page = Page::Help,
            Msg::Char('v') if seats > 0 => self.page = Page::Watch,
            Msg::Char('q') => self.confirm_leave = true,
            _ => {}
        }
    }

    fn pick(&mut self, table: usize) {
        if table != self.table {
            self.table = table;
            self.seat = 0;
        }
    }

    fn say(&mut self, s: String) {
        self.notice = Some(s);
    }

    fn pause(&mut self, desks: &mut [Desk], which: &[usize], out: &mut Outcome) {
        // Pausing several tables pauses them all unless all are paused already.
        let pause = which.iter().any(|&k| !desks[k].table.is_paused());
        for &k in which {
            let resolved = matches!(
                desks[k].table.pause(pause),
                Ok(crate::table::Progress::Resolved(_))
            );
            desks[k].settle(resolved);
            out.changed.insert(k);
            out.save.insert(k);
        }
        self.say(format!(
            "{} {}.",
            tables_word(which, desks.len()),
            if pause { "paused" } else { "resumed" }
        ));
    }

    fn force(&mut self, desks: &mut [Desk], which: &[usize], out: &mut Outcome) {
        let mut done = 0;
        for &k in which {
            if desks[k].table.game().is_over() {
                continue;
            }
            if let Ok(crate::table::Progress::Resolved(_)) = desks[k].table.force(Absent::Wait) {
                desks[k].settle(true);
                done += 1;
                out.changed.insert(k);
                out.save.insert(k);
            }
        }
        self.say(format!(
            "Forced the turn at {done} table{}: seats not ready kept their postures.",
            if done == 1 { "" } else { "s" }
        ));
    }

    fn extend(&mut self, desks: &mut [Desk], which: &[usize], out: &mut Outcome) {
        if which.iter().all(|&k| desks[k].table.timer().is_none()) {
            self.say("There is no turn timer: start the server with --turn-timer, e.g. 5m.".into());
            return;
        }
        for &k in which {
            desks[k].table.extend(EXTEND);
            out.changed.insert(k);
            out.save.insert(k);
        }
        self.say(format!(
            "One more minute for {}.",
            tables_word(which, desks.len()).to_lowercase()
        ));
    }

    fn stand_in(&mut self, desks: &mut [Desk], out: &mut Outcome) {
        let k = self.table;
        let Some(seat) = desks[k].table.seats().get(self.seat).cloned() else {
            return;
        };
        let name = desks[k].table.scenario().actor(seat.actor).name.clone();
        let next = match seat.stand_in {
            Some(_) => None,
            None => Some(Strategy::Doctrine),
        };
        let resolved = matches!(
            desks[k].table.stand_in(seat.actor, next),
            Ok(crate::table::Progress::Resolved(_))
        );
        desks[k].settle(resolved);
        out.changed.insert(k);
        out.save.insert(k);
        self.say(match next {
            Some(_) => format!("The computer now plays {name} at table {}.", k + 1),
            None => format!("People play {name} again at table {}.", k + 1),
        });
    }

    fn export(&mut self, desks: &[Desk], out: &mut Outcome) {
        out.export
            .push((CLASS_DEBRIEF.into(), class_debrief(desks, Format::Markdown)));
        self.say(format!(
            "Class debrief exported as {CLASS_DEBRIEF} in the workshop's folder."
        ));
    }

    fn update_form(&mut self, msg: Msg, desks: &mut [Desk], out: &mut Outcome) {
        let sc = std::sync::Arc::clone(desks[self.table].table.scenario());
        let Some(form) = self.form.as_mut() else {
            return;
        };
        let n = form.fields().len();
        match msg {
            Msg::Back | Msg::Interrupt => self.form = None,
            Msg::Up => form.sel = form.sel.saturating_sub(1),
            Msg::Down | Msg::NextPanel => form.sel = (form.sel + 1).min(n - 1),
            Msg::PrevPanel => form.sel = form.sel.saturating_sub(1),
            Msg::Left => form.step(false, &sc),
            Msg::Right => form.step(true, &sc),
            Msg::Backspace => {
                if let Some(s) = form.typed() {
                    s.pop();
                }
            }
            Msg::Char(ch) => match form.typed() {
                Some(s) if s.chars().count() < MAX_NEWS => s.push(ch),
                Some(_) => {}
                None if ch == ' ' => form.step(true, &sc),
                None => {}
            },
            Msg::Enter => match form.build(&sc) {
                Err(why) => self.notice = Some(format!("Not sent: {why}.")),
                Ok(what) => {
                    let which = if form.all_tables {
                        all(desks)
                    } else {
                        vec![self.table]
                    };
                    self.form = None;
                    self.intervene(desks, &which, &what, out);
                }
            },
            _ => {}
        }
    }

    fn intervene(
        &mut self,
        desks: &mut [Desk],
        which: &[usize],
        what: &Intervention,
        out: &mut Outcome,
    ) {
        let mut failed = Vec::new();
        for &k in which {
            match desks[k].table.intervene(what.clone()) {
                Ok(_) => {
                    out.changed.insert(k);
                    out.save.insert(k);
                }
                Err(e) => failed.push(format!("table {}: {e}", k + 1)),
            }
        }
        self.say(if failed.is_empty() {
            format!(
                "Sent to {}; it is in the record.",
                tables_word(which, desks.len()).to_lowercase()
            )
        } else {
            format!("Not sent at {}.", failed.join("; "))
        });
    }
}

/// The file name of the class debrief in the workshop's folder.
pub const CLASS_DEBRIEF: &str = "class-debrief.md";

/// The class debrief of every table.
pub fn class_debrief(desks: &[Desk], format: Format) -> String {
    let games: Vec<&crate::engine::Game> = desks.iter().map(|d| d.table.game()).collect();
    let humans = desks.first().map(|d| d.table.humans()).unwrap_or_default();
    crate::report::class::render(format, &games, &humans)
}

fn all(desks: &[Desk]) -> Vec<usize> {
    (0..desks.len()).collect()
}

fn tables_word(which: &[usize], total: usize) -> String {
    match which {
        [k] => format!("Table {}", k + 1),
        _ if which.len() == total => "Every table".into(),
        _ => format!("{} tables", which.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> std::sync::Arc<Scenario> {
        crate::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron")).unwrap()
    }

    #[test]
    fn the_form_builds_each_kind_and_refuses_nonsense_with_a_reason() {
        let sc = scenario();
        let mut f = InterveneForm::default();
        assert!(matches!(f.build(&sc), Ok(Intervention::Inject { .. })));
        f.kind = 1;
        assert!(f.build(&sc).unwrap_err().contains("text"));
        f.text = "Markets fall.".into();
        assert!(matches!(f.build(&sc), Ok(Intervention::News { .. })));
        f.kind = 2;
        f.value = "lots".into();
        assert!(f.build(&sc).unwrap_err().contains("number"));
        f.value = "40".into();
        f.b = 1;
        assert!(f.build(&sc).unwrap_err().contains("reason"));
        f.reason = "to show a spiral".into();
        assert!(matches!(f.build(&sc), Ok(Intervention::Tension { value, .. }) if value == 40.0));
        f.b = 0;
        assert!(f.build(&sc).is_err(), "tension with oneself");
    }
}
