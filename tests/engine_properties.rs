//! Property tests of the engine over every shipped scenario: random legal orders never break an
//! invariant, illegal orders are refused without a trace, and games replay exactly.
//!
//! Orders are built by small deterministic functions from a stream of numbers that proptest
//! generates (`Choices`), so a failing case shrinks to a short stream and replays from it. When
//! the stream runs out every choice is 0, which means "do nothing optional": a shrunk case keeps
//! only the choices that matter.

use backchannel::ai::Strategy as Play;
use backchannel::batch;
use backchannel::engine::orders::{
    Assessment, CoalitionAsk, Measure, NonStateAsk, Note, Reason, Response, Tone,
};
use backchannel::engine::score::score;
use backchannel::engine::{Action, EngineError, Game, Orders, Posture, SeatView, TurnOrders};
use backchannel::ids::*;
use backchannel::scenario::file::{ActionKind, ActorKind, Channel};
use backchannel::scenario::{Scenario, ScenarioFile, compile, content_hash, ron_options};
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, TestCaseError};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, LazyLock};

// ---------------------------------------------------------------------------------------------
// Scenarios

const SOURCES: [(&str, &str); 3] = [
    ("grid-probe", include_str!("../scenarios/grid-probe.ron")),
    (
        "classroom-dilemma",
        include_str!("../scenarios/classroom-dilemma.ron"),
    ),
    ("duel", include_str!("fixtures/engine/duel.ron")),
];

static SCENARIOS: LazyLock<Vec<Arc<Scenario>>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(name, text)| {
            let f: ScenarioFile = ron_options()
                .from_str(text)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            Arc::new(compile(&f, content_hash(text)).unwrap_or_else(|e| panic!("{name}: {e:?}")))
        })
        .collect()
});

// ---------------------------------------------------------------------------------------------
// Choices

/// A stream of choices drawn from proptest's numbers; 0 once the numbers run out.
struct Choices<'a> {
    raw: &'a [u64],
    at: usize,
}

impl<'a> Choices<'a> {
    fn new(raw: &'a [u64]) -> Self {
        Choices { raw, at: 0 }
    }

    fn next(&mut self) -> u64 {
        let v = self.raw.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        v
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0);
        (self.next() % n as u64) as usize
    }

    /// True with `percent` per cent; false for a 0 from an exhausted stream.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 >= 100 - percent
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> Option<T> {
        if xs.is_empty() {
            None
        } else {
            Some(xs[self.below(xs.len())])
        }
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

// ---------------------------------------------------------------------------------------------
// Legal orders

/// What a seat's view offers to aim at.
struct Targets {
    norms: usize,
    others: Vec<ActorIx>,
    hotlines: Vec<ActorIx>,
    incidents: Vec<IncidentId>,
    /// Others who may be asked for each kind of help, and the criminal groups to name.
    firms: Vec<ActorIx>,
    states: Vec<ActorIx>,
    groups: Vec<ActorIx>,
}

impl Targets {
    fn of(view: &SeatView<'_>) -> Self {
        let sc = view.scenario();
        let others: Vec<ActorIx> = view.others().collect();
        Targets {
            norms: sc.norms.len(),
            hotlines: others
                .iter()
                .copied()
                .filter(|o| view.relation(*o).channels.has(Channel::Hotline))
                .collect(),
            firms: others
                .iter()
                .copied()
                .filter(|o| matches!(sc.actor(*o).kind, ActorKind::Company | ActorKind::Cert))
                .collect(),
            states: others
                .iter()
                .copied()
                .filter(|o| sc.actor(*o).kind == ActorKind::State)
                .collect(),
            groups: others
                .iter()
                .copied()
                .filter(|o| sc.actor(*o).kind == ActorKind::CriminalGroup)
                .collect(),
            incidents: view.incidents().map(|i| i.id).collect(),
            others,
        }
    }

    fn norm(&self, c: &mut Choices) -> Option<NormIx> {
        (self.norms > 0).then(|| NormIx::from_ix(c.below(self.norms)))
    }

    fn maybe_incident(&self, c: &mut Choices) -> Option<IncidentId> {
        if c.chance(50) {
            c.pick(&self.incidents)
        } else {
            None
        }
    }
}

const TONES: [Tone; 2] = [Tone::Reassure, Tone::Warn];
const MEASURES: [Measure; 4] = [
    Measure::OpenHotline,
    Measure::CertToCert,
    Measure::NotifyExercises,
    Measure::ShareIndicators,
];
const ASKS: [CoalitionAsk; 3] = [
    CoalitionAsk::JointAttribution,
    CoalitionAsk::Assistance,
    CoalitionAsk::JointCosts,
];
const NON_STATE_ASKS: [NonStateAsk; 3] = [
    NonStateAsk::Attribution,
    NonStateAsk::Takedown,
    NonStateAsk::ActAgainst,
];

/// A legal action of `kind` for the seat, or `None` if the view offers no valid target.
fn legal_action(kind: ActionKind, t: &Targets, c: &mut Choices) -> Option<Action> {
    let other = |c: &mut Choices| c.pick(&t.others);
    Some(match kind {
        ActionKind::Message => Action::Message {
            to: other(c)?,
            tone: TONES[c.below(2)],
            evidence: t.maybe_incident(c),
        },
        ActionKind::Demarche => Action::Demarche {
            to: other(c)?,
            incident: t.maybe_incident(c),
        },
        ActionKind::HotlineCall => Action::HotlineCall {
            to: c.pick(&t.hotlines)?,
            incident: t.maybe_incident(c),
        },
        ActionKind::Meeting => Action::Meeting { with: other(c)? },
        ActionKind::ProposeMeasure => Action::ProposeMeasure {
            to: other(c)?,
            measure: MEASURES[c.below(4)],
        },
        ActionKind::ProposeAgreement => Action::ProposeAgreement {
            to: other(c)?,
            norm: t.norm(c)?,
        },
        ActionKind::PublicPledge => Action::PublicPledge { norm: t.norm(c)? },
        ActionKind::RemoveImplants => Action::RemoveImplants { target: other(c)? },
        ActionKind::PublicAttribution => Action::PublicAttribution {
            incident: c.pick(&t.incidents)?,
            accused: other(c)?,
            norm: t.norm(c)?,
        },
        ActionKind::Coalition => {
            let partner = other(c)?;
            let rest: Vec<ActorIx> = t.others.iter().copied().filter(|o| *o != partner).collect();
            Action::Coalition {
                partner,
                against: c.pick(&rest)?,
                ask: ASKS[c.below(3)],
            }
        }
        ActionKind::Sanctions => Action::Sanctions { target: other(c)? },
        ActionKind::Indictment => Action::Indictment { target: other(c)? },
        ActionKind::CounterOperation => Action::CounterOperation {
            target: other(c)?,
            asset: None,
        },
        ActionKind::CapacityBuilding => Action::CapacityBuilding,
        ActionKind::EngageNonState => match NON_STATE_ASKS[c.below(3)] {
            NonStateAsk::Attribution => {
                let helpers: Vec<ActorIx> = t.firms.iter().chain(&t.states).copied().collect();
                Action::EngageNonState {
                    actor: c.pick(&helpers)?,
                    ask: NonStateAsk::Attribution,
                    about: if c.chance(50) { other(c) } else { None },
                }
            }
            ask @ NonStateAsk::Takedown => Action::EngageNonState {
                actor: c.pick(&t.firms)?,
                ask,
                about: Some(c.pick(&t.groups)?),
            },
            ask @ NonStateAsk::ActAgainst => Action::EngageNonState {
                actor: c.pick(&t.states)?,
                ask,
                about: Some(c.pick(&t.groups)?),
            },
        },
        ActionKind::Forum => Action::Forum {
            norm: t.norm(c)?,
            against: if c.chance(50) { other(c) } else { None },
        },
        ActionKind::Wait => Action::Wait,
    })
}

/// A probability distribution over `k` intents: uniform, certain, or random.
fn distribution(k: usize, c: &mut Choices) -> Vec<f64> {
    match c.below(3) {
        0 => vec![1.0 / k as f64; k],
        1 => {
            let mut p = vec![0.0; k];
            p[c.below(k)] = 1.0;
            p
        }
        _ => {
            let w: Vec<f64> = (0..k).map(|_| c.unit()).collect();
            let sum: f64 = w.iter().sum();
            if sum > 0.0 {
                w.iter().map(|x| x / sum).collect()
            } else {
                vec![1.0 / k as f64; k]
            }
        }
    }
}

/// Random orders a seat could legally give, from what its view shows.
fn legal_orders(view: &SeatView<'_>, c: &mut Choices) -> Orders {
    let sc = view.scenario();
    let t = Targets::of(view);
    let mut o = Orders::default();
    for &other in &t.others {
        if c.chance(60) {
            o.postures.push((other, Posture::ALL[c.below(3)]));
        }
    }
    let offered: Vec<_> = view.actions().collect();
    let mut capital = view.capital();
    if !offered.is_empty() {
        for _ in 0..c.below(6) {
            let (kind, cost) = offered[c.below(offered.len())];
            if cost.cost > capital {
                continue;
            }
            if let Some(a) = legal_action(kind, &t, c) {
                capital -= cost.cost;
                o.actions.push(a);
            }
        }
    }
    for p in view.proposals_to_me() {
        if c.chance(70) {
            o.responses.push(Response {
                proposal: p.id,
                accept: c.chance(50),
            });
        }
    }
    for &other in &t.others {
        if c.chance(30) {
            o.assessments.push(Assessment {
                of: other,
                probs: distribution(sc.intents.len(), c),
            });
        }
    }
    if c.chance(20) {
        o.notes.push(Note {
            about: c.pick(&t.others),
            reason: Reason::Stabilise,
        });
    }
    o
}

/// Legal orders for a random subset of seats (a seat left out simply does nothing).
fn legal_turn(game: &Game, c: &mut Choices) -> TurnOrders {
    let sc = game.scenario();
    let mut turn = Vec::new();
    for seat in sc.actor_ixs() {
        if c.below(8) == 7 {
            continue;
        }
        turn.push((seat, legal_orders(&game.view(seat), c)));
    }
    // Seats in any order: the engine sorts them.
    if turn.len() > 1 && c.chance(30) {
        turn.reverse();
    }
    turn
}

// ---------------------------------------------------------------------------------------------
// Illegal orders

/// Makes a seat's orders illegal in one of the ways `check` must catch, chosen by `c`. Returns
/// `false` if the chosen way does not apply here (the caller then tries another).
fn break_orders(game: &Game, seat: ActorIx, o: &mut Orders, c: &mut Choices) -> bool {
    let sc = game.scenario();
    let view = game.view(seat);
    let t = Targets::of(&view);
    let n = sc.actors.len();
    let offered = |k: ActionKind| sc.action(k).is_some();
    let nobody = ActorIx::from_ix(n + c.below(3));
    let k = sc.intents.len();
    match c.below(14) {
        0 => o.postures.push((seat, Posture::ALL[c.below(3)])),
        1 => o.postures.push((nobody, Posture::ALL[c.below(3)])),
        2 | 3 => {
            // An action aimed at oneself or at no actor.
            let whom = if c.chance(50) { seat } else { nobody };
            let targeted = [
                ActionKind::Message,
                ActionKind::Demarche,
                ActionKind::Meeting,
                ActionKind::ProposeMeasure,
                ActionKind::RemoveImplants,
                ActionKind::Sanctions,
                ActionKind::Indictment,
                ActionKind::CounterOperation,
                ActionKind::Coalition,
                ActionKind::EngageNonState,
                ActionKind::Forum,
            ];
            let kinds: Vec<ActionKind> = targeted.into_iter().filter(|k| offered(*k)).collect();
            let Some(kind) = c.pick(&kinds) else {
                return false;
            };
            let Some(mut a) = legal_action(kind, &t, c) else {
                return false;
            };
            match &mut a {
                Action::Message { to, .. }
                | Action::Demarche { to, .. }
                | Action::ProposeMeasure { to, .. } => *to = whom,
                Action::Meeting { with } => *with = whom,
                Action::RemoveImplants { target }
                | Action::Sanctions { target }
                | Action::Indictment { target }
                | Action::CounterOperation { target, .. } => *target = whom,
                Action::EngageNonState { actor, .. } => *actor = whom,
                Action::Forum { against, .. } => *against = Some(whom),
                Action::Coalition {
                    partner, against, ..
                } => {
                    if c.chance(50) {
                        *partner = whom;
                    } else {
                        *against = whom;
                    }
                }
                _ => unreachable!("{a:?} is not aimed at an actor"),
            }
            o.actions.push(a);
        }
        4 => {
            let missing: Vec<ActionKind> = ActionKind::ALL
                .into_iter()
                .filter(|k| !offered(*k))
                .collect();
            let Some(kind) = c.pick(&missing) else {
                return false;
            };
            let Some(a) = legal_action(kind, &t, c) else {
                return false;
            };
            o.actions.push(a);
        }
        5 => {
            // Spend more capital than the seat has.
            let dear: Vec<ActionKind> = ActionKind::ALL
                .into_iter()
                .filter(|k| sc.action(*k).is_some_and(|x| x.cost > 0))
                .collect();
            let spent = |o: &Orders| {
                o.actions
                    .iter()
                    .map(|a| sc.action(a.kind()).map_or(0, |x| x.cost))
                    .sum::<u32>()
            };
            let mut tries = 0;
            while spent(o) <= view.capital() {
                tries += 1;
                let Some(kind) = c.pick(&dear) else {
                    return false;
                };
                if tries > 200 {
                    return false;
                }
                if let Some(a) = legal_action(kind, &t, &mut Choices::new(&[tries as u64])) {
                    o.actions.push(a);
                }
            }
        }
        6 => {
            if !offered(ActionKind::HotlineCall) {
                return false;
            }
            let none: Vec<ActorIx> = t
                .others
                .iter()
                .copied()
                .filter(|x| !t.hotlines.contains(x))
                .collect();
            let Some(to) = c.pick(&none) else {
                return false;
            };
            o.actions.push(Action::HotlineCall { to, incident: None });
        }
        7 => {
            // An incident the seat does not know of (unknown to it, or not yet detected).
            let st = game.state();
            let mut unknown: Vec<IncidentId> = st
                .incidents
                .iter()
                .map(|i| i.id)
                .filter(|i| view.incident(*i).is_none())
                .collect();
            unknown.push(IncidentId(st.incidents.len() as u32 + c.below(3) as u32));
            let Some(incident) = c.pick(&unknown) else {
                return false;
            };
            let Some(to) = c.pick(&t.others) else {
                return false;
            };
            let a = match c.below(3) {
                0 if offered(ActionKind::Demarche) => Action::Demarche {
                    to,
                    incident: Some(incident),
                },
                1 if offered(ActionKind::Message) => Action::Message {
                    to,
                    tone: Tone::Warn,
                    evidence: Some(incident),
                },
                2 if offered(ActionKind::PublicAttribution) && t.norms > 0 => {
                    Action::PublicAttribution {
                        incident,
                        accused: to,
                        norm: NormIx(0),
                    }
                }
                _ => return false,
            };
            o.actions.push(a);
        }
        8 => {
            let norm = NormIx::from_ix(t.norms + c.below(3));
            let to = t.others[0];
            let a = match c.below(4) {
                0 if offered(ActionKind::PublicPledge) => Action::PublicPledge { norm },
                1 if offered(ActionKind::ProposeAgreement) => Action::ProposeAgreement { to, norm },
                2 if offered(ActionKind::Forum) => Action::Forum {
                    norm,
                    against: None,
                },
                3 if offered(ActionKind::PublicAttribution) && !t.incidents.is_empty() => {
                    Action::PublicAttribution {
                        incident: t.incidents[0],
                        accused: to,
                        norm,
                    }
                }
                _ => return false,
            };
            o.actions.push(a);
        }
        9 => {
            // A proposal that does not exist, or awaits someone else's answer.
            let st = game.state();
            let mut bad: Vec<ProposalId> = st
                .proposals
                .iter()
                .filter(|p| p.to != seat)
                .map(|p| p.id)
                .collect();
            let top = st.proposals.iter().map(|p| p.id.0 + 1).max().unwrap_or(0);
            bad.push(ProposalId(top + c.below(3) as u32));
            let proposal = c.pick(&bad).unwrap();
            o.responses.push(Response {
                proposal,
                accept: c.chance(50),
            });
        }
        10 | 11 => {
            let mut probs = distribution(k, c);
            let mut of = c.pick(&t.others).unwrap();
            match c.below(7) {
                0 => of = seat,
                1 => of = nobody,
                2 => probs.push(0.0),
                3 => probs[c.below(k)] = f64::NAN,
                4 => probs[c.below(k)] -= 0.3,
                5 => probs.iter_mut().for_each(|p| *p *= 0.9),
                _ => probs[c.below(k)] = f64::INFINITY,
            }
            o.assessments.push(Assessment { of, probs });
        }
        12 => {
            if !offered(ActionKind::EngageNonState) {
                return false;
            }
            let groups: Vec<ActorIx> = t
                .others
                .iter()
                .copied()
                .filter(|o| sc.actor(*o).kind == ActorKind::CriminalGroup)
                .collect();
            let Some(actor) = c.pick(&groups) else {
                return false;
            };
            o.actions.push(Action::EngageNonState {
                actor,
                ask: NON_STATE_ASKS[c.below(3)],
                about: None,
            });
        }
        _ => {
            // An action that is legal in itself but whose target does not exist.
            let Some(kind) = c.pick(&[
                ActionKind::Sanctions,
                ActionKind::Indictment,
                ActionKind::Meeting,
            ]) else {
                return false;
            };
            if !offered(kind) {
                return false;
            }
            o.actions.push(match kind {
                ActionKind::Sanctions => Action::Sanctions { target: nobody },
                ActionKind::Indictment => Action::Indictment { target: nobody },
                _ => Action::Meeting { with: nobody },
            });
        }
    }
    true
}

/// Turn orders of which at least one part is illegal: one seat's orders broken, a seat named
/// twice, or a seat that does not exist.
fn illegal_turn(game: &Game, c: &mut Choices) -> TurnOrders {
    let n = game.scenario().actors.len();
    let mut turn = legal_turn(game, c);
    match c.below(6) {
        0 => {
            let seat = ActorIx::from_ix(c.below(n));
            turn.push((seat, legal_orders(&game.view(seat), c)));
            turn.push((seat, Orders::default()));
        }
        1 => turn.push((ActorIx::from_ix(n + c.below(3)), Orders::default())),
        _ => {
            let seat = ActorIx::from_ix(c.below(n));
            let pos = match turn.iter().position(|(s, _)| *s == seat) {
                Some(p) => p,
                None => {
                    turn.push((seat, Orders::default()));
                    turn.len() - 1
                }
            };
            // Some ways do not apply to every state; a posture toward oneself always does.
            let mut salt = 0;
            loop {
                let mut o = turn[pos].1.clone();
                if break_orders(game, seat, &mut o, c) {
                    turn[pos].1 = o;
                    break;
                }
                salt += 1;
                if salt > 8 {
                    turn[pos].1.postures.push((seat, Posture::Intensify));
                    break;
                }
            }
        }
    }
    turn
}

/// Orders built with no regard for the state: any actor, norm, incident or proposal number
/// (a few past the end), any action kind, any numbers in an assessment.
fn arbitrary_turn(game: &Game, c: &mut Choices) -> TurnOrders {
    let sc = game.scenario();
    let st = game.state();
    let n = sc.actors.len();
    let actor = |c: &mut Choices| ActorIx::from_ix(c.below(n + 2));
    let norm = |c: &mut Choices| NormIx::from_ix(c.below(sc.norms.len() + 2));
    let incident = |c: &mut Choices| IncidentId(c.below(st.incidents.len() + 2) as u32);
    let maybe = |c: &mut Choices, f: &dyn Fn(&mut Choices) -> IncidentId| {
        if c.chance(50) { Some(f(c)) } else { None }
    };
    let mut turn = Vec::new();
    for _ in 0..c.below(n + 2) {
        let mut o = Orders::default();
        for _ in 0..c.below(3) {
            o.postures.push((actor(c), Posture::ALL[c.below(3)]));
        }
        for _ in 0..c.below(4) {
            let a = match ActionKind::ALL[c.below(ActionKind::ALL.len())] {
                ActionKind::Message => Action::Message {
                    to: actor(c),
                    tone: TONES[c.below(2)],
                    evidence: maybe(c, &incident),
                },
                ActionKind::Demarche => Action::Demarche {
                    to: actor(c),
                    incident: maybe(c, &incident),
                },
                ActionKind::HotlineCall => Action::HotlineCall {
                    to: actor(c),
                    incident: maybe(c, &incident),
                },
                ActionKind::Meeting => Action::Meeting { with: actor(c) },
                ActionKind::ProposeMeasure => Action::ProposeMeasure {
                    to: actor(c),
                    measure: MEASURES[c.below(4)],
                },
                ActionKind::ProposeAgreement => Action::ProposeAgreement {
                    to: actor(c),
                    norm: norm(c),
                },
                ActionKind::PublicPledge => Action::PublicPledge { norm: norm(c) },
                ActionKind::RemoveImplants => Action::RemoveImplants { target: actor(c) },
                ActionKind::PublicAttribution => Action::PublicAttribution {
                    incident: incident(c),
                    accused: actor(c),
                    norm: norm(c),
                },
                ActionKind::Coalition => Action::Coalition {
                    partner: actor(c),
                    against: actor(c),
                    ask: ASKS[c.below(3)],
                },
                ActionKind::Sanctions => Action::Sanctions { target: actor(c) },
                ActionKind::Indictment => Action::Indictment { target: actor(c) },
                ActionKind::CounterOperation => Action::CounterOperation {
                    target: actor(c),
                    asset: None,
                },
                ActionKind::CapacityBuilding => Action::CapacityBuilding,
                ActionKind::EngageNonState => Action::EngageNonState {
                    actor: actor(c),
                    ask: NON_STATE_ASKS[c.below(3)],
                    about: if c.chance(50) { Some(actor(c)) } else { None },
                },
                ActionKind::Forum => Action::Forum {
                    norm: norm(c),
                    against: if c.chance(50) { Some(actor(c)) } else { None },
                },
                ActionKind::Wait => Action::Wait,
            };
            o.actions.push(a);
        }
        for _ in 0..c.below(2) {
            o.responses.push(Response {
                proposal: ProposalId(c.below(st.next_proposal as usize + 2) as u32),
                accept: c.chance(50),
            });
        }
        for _ in 0..c.below(2) {
            let len = c.below(sc.intents.len() + 2);
            let probs = (0..len)
                .map(|_| match c.below(8) {
                    0 => f64::NAN,
                    1 => -0.25,
                    2 => 1.5,
                    3 => 0.0,
                    4 => 1.0,
                    _ => c.unit(),
                })
                .collect();
            o.assessments.push(Assessment {
                of: actor(c),
                probs,
            });
        }
        turn.push((actor(c), o));
    }
    turn
}

// ---------------------------------------------------------------------------------------------
// Invariants

/// Everything that must hold of a game's state after any turn.
fn invariants(game: &Game) -> Result<(), TestCaseError> {
    let sc = game.scenario();
    let st = game.state();
    let n = sc.actors.len();
    let k = sc.intents.len();
    let turn = st.turn;
    prop_assert!(
        turn <= sc.turn_limit,
        "turn {turn} past the limit {}",
        sc.turn_limit
    );
    prop_assert_eq!(st.history.len(), turn as usize + 1);
    prop_assert_eq!(game.orders().len(), turn as usize);
    prop_assert!(
        st.rung.ix() < sc.ladder.len(),
        "rung {:?} off a ladder of {}",
        st.rung,
        sc.ladder.len()
    );
    prop_assert!(st.peak_rung >= st.rung && st.peak_rung.ix() < sc.ladder.len());
    prop_assert!(
        st.escalation.is_finite() && st.escalation >= 0.0,
        "escalation {}",
        st.escalation
    );
    for (a, s) in st.actors.iter().enumerate() {
        prop_assert_eq!(s.beliefs.len(), n * k);
        for b in (0..n).filter(|b| *b != a) {
            let belief = &s.beliefs[b * k..(b + 1) * k];
            let sum: f64 = belief.iter().sum();
            prop_assert!(
                belief
                    .iter()
                    .all(|p| p.is_finite() && (0.0..=1.0).contains(p))
                    && (sum - 1.0).abs() <= 1e-9,
                "turn {turn}: belief of {a} about {b} is {belief:?} (sum {sum})"
            );
            let fear = s.fear[b];
            prop_assert!(
                fear.is_finite() && (0.0..=1.0).contains(&fear),
                "turn {turn}: fear of {a} for {b} is {fear}"
            );
        }
        for (name, x) in [
            ("pressure", s.pressure),
            ("reputation", s.reputation),
            ("detection", s.detection),
            ("resilience", s.resilience),
        ] {
            prop_assert!(
                x.is_finite() && (0.0..=1.0).contains(&x),
                "turn {turn}: {name} of {a} is {x}"
            );
        }
        let base = u64::from(sc.actors[a].capital);
        let most = (2 * base).min(u64::from(u32::MAX));
        prop_assert!(
            u64::from(s.capital) <= most,
            "turn {turn}: capital of {a} is {} (base {base})",
            s.capital
        );
        prop_assert!(s.costs_from.iter().all(|c| c.is_finite() && *c >= 0.0));
        prop_assert!(s.payoff.is_finite() && s.damage.is_finite() && s.gains.is_finite());
    }
    for (i, r) in st.relations.iter().enumerate() {
        prop_assert!(
            r.tension.is_finite() && r.tension >= 0.0,
            "turn {turn}: tension of pair {i} is {}",
            r.tension
        );
        prop_assert!(
            r.trust.is_finite() && (0.0..=1.0).contains(&r.trust),
            "turn {turn}: trust of pair {i} is {}",
            r.trust
        );
    }
    for inc in &st.incidents {
        let c = inc.lead.confidence;
        prop_assert!(
            c.is_finite() && (0.0..=1.0).contains(&c),
            "turn {turn}: confidence {c} in incident {:?}",
            inc.id
        );
        prop_assert!(inc.lead.actor.ix() < n && inc.victim.ix() < n);
    }
    for p in &st.proposals {
        prop_assert!(
            p.by.ix() < n && p.to.ix() < n && p.by != p.to,
            "proposal {p:?}"
        );
        prop_assert!(
            p.made == turn,
            "turn {turn}: proposal {p:?} outlived the turn to answer it"
        );
    }
    for (i, h) in st.history.iter().enumerate() {
        prop_assert_eq!(h.turn as usize, i);
        prop_assert!(h.rung <= st.peak_rung);
    }
    for seat in sc.actor_ixs() {
        let card = score(sc, st, seat);
        let parts = [
            card.conflict_avoided,
            card.interest,
            card.norms,
            card.reputation,
            card.assessment.unwrap_or(0.5),
        ];
        prop_assert!(
            parts
                .iter()
                .all(|x| x.is_finite() && (0.0..=1.0).contains(x))
                && card.total.is_finite()
                && (0.0..=100.0).contains(&card.total),
            "turn {turn}: score of {seat:?} is {card:?}"
        );
    }
    prop_assert!(
        st.log.iter().all(|e| e.turn <= turn + 1),
        "an event is dated past the next turn"
    );
    prop_assert_eq!(st.is_over(), st.outcome.is_some());
    if turn >= sc.turn_limit {
        prop_assert!(st.is_over(), "the game did not end at its turn limit");
    }
    Ok(())
}

/// Resolves one turn of random legal orders, checking every seat's orders first.
fn play_legal_turn(game: &mut Game, c: &mut Choices) -> Result<(), TestCaseError> {
    let turn = legal_turn(game, c);
    for (seat, o) in &turn {
        if let Err(e) = game.check(*seat, o) {
            return Err(TestCaseError::fail(format!(
                "turn {}: legal orders of {seat:?} refused: {e}\n{o:#?}",
                game.current_turn()
            )));
        }
    }
    let turn_no = game.current_turn();
    let before = game.state().log.len();
    let range = game.resolve(turn).map_err(|e| {
        TestCaseError::fail(format!("turn {turn_no}: resolve refused legal orders: {e}"))
    })?;
    prop_assert_eq!(range, before..game.state().log.len());
    invariants(game)
}

/// The observable state of a game, to compare before and after a refused turn.
fn fingerprint(game: &Game) -> (u64, usize, usize, u32) {
    let st = game.state();
    (st.hash(), st.log.len(), game.orders().len(), st.turn)
}

/// Plays a whole game of random legal orders; returns it with the turn count.
fn play_game(sc: &Arc<Scenario>, seed: u64, raw: &[u64]) -> Result<Game, TestCaseError> {
    let mut game = Game::new(Arc::clone(sc), seed);
    invariants(&game)?;
    let mut c = Choices::new(raw);
    for _ in 0..sc.turn_limit {
        if game.is_over() {
            break;
        }
        play_legal_turn(&mut game, &mut c)?;
    }
    prop_assert!(
        game.is_over(),
        "{}: not over after {} turns",
        sc.id,
        sc.turn_limit
    );
    let before = fingerprint(&game);
    prop_assert_eq!(game.resolve(Vec::new()), Err(EngineError::GameOver));
    prop_assert_eq!(fingerprint(&game), before);
    Ok(game)
}

/// 48 cases by default, so the file runs in seconds in a debug build; set `PROPTEST_CASES` to
/// search harder.
fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            48
        },
        max_shrink_iters: 4096,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..default
    }
}

fn choices() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(any::<u64>(), 0..6000)
}

/// A capital or a cost: small, huge, or anything.
fn money() -> impl Strategy<Value = u32> {
    prop_oneof![
        0..6u32,
        Just(u32::MAX),
        Just(u32::MAX / 2 + 1),
        any::<u32>()
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Random legal orders pass `check`, never panic, keep every invariant in every turn, and the
    /// game ends by its turn limit.
    #[test]
    fn legal_orders_keep_the_invariants(seed in any::<u64>(), raw in choices()) {
        for sc in SCENARIOS.iter() {
            play_game(sc, seed, &raw)?;
        }
    }

    /// Replaying the recorded orders from the seed, after any number of turns, reproduces the
    /// same state hash, event log and history; so does playing the same orders side by side.
    #[test]
    fn replay_reproduces_the_game(seed in any::<u64>(), raw in choices(), stop in 0u32..25) {
        for sc in SCENARIOS.iter() {
            let mut game = Game::new(Arc::clone(sc), seed);
            let mut twin = Game::new(Arc::clone(sc), seed);
            let mut c = Choices::new(&raw);
            while !game.is_over() && game.state().turn < stop {
                play_legal_turn(&mut game, &mut c)?;
                let last = game.orders().last().unwrap().clone();
                twin.resolve(last).map_err(|e| TestCaseError::fail(format!("twin refused: {e}")))?;
                prop_assert_eq!(game.state().hash(), twin.state().hash());
                prop_assert!(game.state().log == twin.state().log, "twin logs differ at turn {}", game.state().turn);
            }
            let again = Game::replay(Arc::clone(sc), seed, &[], game.orders(), &[])
                .map_err(|(t, e)| TestCaseError::fail(format!("{}: replay refused turn {t}: {e}", sc.id)))?;
            prop_assert_eq!(again.state().hash(), game.state().hash());
            prop_assert!(again.state().log == game.state().log, "{}: replayed log differs", sc.id);
            prop_assert!(again.state().history == game.state().history, "{}: replayed history differs", sc.id);
            prop_assert_eq!(again.orders(), game.orders());
        }
    }

    /// Orders with one illegal part are refused, by `check` for the seat and by `resolve` for the
    /// turn, and leave no trace: same hash, same log, and the game goes on exactly as a copy that
    /// never saw them.
    #[test]
    fn illegal_orders_are_refused_without_change(seed in any::<u64>(), raw in choices(), bad in choices()) {
        for sc in SCENARIOS.iter() {
            let mut game = Game::new(Arc::clone(sc), seed);
            let mut c = Choices::new(&raw);
            let mut b = Choices::new(&bad);
            while !game.is_over() {
                let untouched = game.clone();
                let before = fingerprint(&game);
                let turn = illegal_turn(&game, &mut b);
                let n = sc.actors.len();
                let mut seats: Vec<ActorIx> = turn.iter().map(|(s, _)| *s).collect();
                seats.sort();
                let dup = seats.windows(2).any(|w| w[0] == w[1]);
                let outside = seats.iter().any(|s| s.ix() >= n);
                if !dup && !outside {
                    let refused = turn.iter().filter(|(s, o)| game.check(*s, o).is_err()).count();
                    prop_assert!(refused > 0, "turn {}: check passed orders that were broken: {turn:#?}", game.current_turn());
                }
                let result = game.resolve(turn.clone());
                prop_assert!(result.is_err(), "turn {}: resolve accepted illegal orders: {turn:#?}", game.current_turn());
                prop_assert_eq!(fingerprint(&game), before);
                prop_assert!(game.state().log == untouched.state().log);
                // The same legal turn from the game and from the untouched copy comes out the same
                // (the refused orders drew no dice and left nothing behind).
                let mut twin = untouched;
                let legal = legal_turn(&game, &mut c);
                game.resolve(legal.clone()).map_err(|e| TestCaseError::fail(format!("legal turn refused: {e}")))?;
                twin.resolve(legal).map_err(|e| TestCaseError::fail(format!("legal turn refused: {e}")))?;
                prop_assert_eq!(game.state().hash(), twin.state().hash());
                prop_assert!(game.state().log == twin.state().log);
                invariants(&game)?;
            }
        }
    }

    /// Orders built without regard to the state never panic: `check` and `resolve` agree on
    /// them, and when refused they change nothing.
    #[test]
    fn arbitrary_orders_never_panic(seed in any::<u64>(), raw in choices(), junk in choices()) {
        for sc in SCENARIOS.iter() {
            let mut game = Game::new(Arc::clone(sc), seed);
            let mut c = Choices::new(&raw);
            let mut j = Choices::new(&junk);
            let n = sc.actors.len();
            while !game.is_over() {
                let turn = arbitrary_turn(&game, &mut j);
                let mut seats: Vec<ActorIx> = turn.iter().map(|(s, _)| *s).collect();
                seats.sort();
                let dup = seats.windows(2).any(|w| w[0] == w[1]);
                // `check` answers for any seat, even one that does not exist.
                let all_ok = turn.iter().fold(true, |ok, (s, o)| game.check(*s, o).is_ok() && ok);
                for (s, o) in &turn {
                    if s.ix() >= n {
                        prop_assert!(game.check(*s, o).is_err(), "check accepted orders for a seat that does not exist");
                    }
                }
                let before = fingerprint(&game);
                match game.resolve(turn) {
                    Ok(_) => {
                        prop_assert!(!dup && all_ok, "resolve accepted orders that check refused");
                        invariants(&game)?;
                    }
                    Err(_) => {
                        prop_assert!(dup || !all_ok, "resolve refused orders that check accepted");
                        prop_assert_eq!(fingerprint(&game), before);
                        let legal = legal_turn(&game, &mut c);
                        game.resolve(legal).map_err(|e| TestCaseError::fail(format!("legal turn refused: {e}")))?;
                        invariants(&game)?;
                    }
                }
            }
        }
    }

    /// A scenario may price actions and grant capital anywhere in `u32`: orders, legal or not,
    /// still never panic, and capital neither wraps nor grows past two turns' worth.
    #[test]
    fn extreme_costs_and_capital_never_panic(
        which in 0..SOURCES.len(),
        capitals in prop::collection::vec(money(), 8),
        costs in prop::collection::vec(money(), ActionKind::ALL.len()),
        seed in any::<u64>(),
        raw in choices(),
        junk in choices(),
    ) {
        let mut sc = (*SCENARIOS[which]).clone();
        for (a, cap) in sc.actors.iter_mut().zip(capitals.iter().cycle()) {
            a.capital = *cap;
        }
        for (c, cost) in sc.actions.iter_mut().zip(&costs) {
            if let Some(c) = c {
                c.cost = *cost;
            }
        }
        let sc = Arc::new(sc);
        let mut game = Game::new(Arc::clone(&sc), seed);
        let mut c = Choices::new(&raw);
        let mut j = Choices::new(&junk);
        while !game.is_over() {
            let turn = arbitrary_turn(&game, &mut j);
            let before = fingerprint(&game);
            if game.resolve(turn).is_err() {
                prop_assert_eq!(fingerprint(&game), before);
                play_legal_turn(&mut game, &mut c)?;
            } else {
                invariants(&game)?;
            }
        }
    }

    /// Batch strategies give legal orders and are deterministic: the same seed gives the same
    /// game.
    #[test]
    fn batch_play_is_deterministic(seed in any::<u64>(), picks in prop::collection::vec(0..Play::ALL.len(), 8)) {
        for sc in SCENARIOS.iter() {
            let strategies: Vec<Play> = (0..sc.actors.len()).map(|a| Play::ALL[picks[a % picks.len()]]).collect();
            // Computer seats give legal orders: `play_out` would quietly replace refused ones.
            let mut game = Game::new(Arc::clone(sc), seed);
            while !game.is_over() {
                let turn: TurnOrders = sc.actor_ixs().map(|a| (a, game.decide(a, &strategies[a.ix()]))).collect();
                for (seat, o) in &turn {
                    if let Err(e) = game.check(*seat, o) {
                        return Err(TestCaseError::fail(format!("{}: {:?} as {seat:?} gave illegal orders: {e}\n{o:#?}", sc.id, strategies[seat.ix()])));
                    }
                }
                game.resolve(turn).map_err(|e| TestCaseError::fail(format!("resolve refused computer orders: {e}")))?;
                invariants(&game)?;
            }
            let one = batch::play(sc, seed, &strategies);
            prop_assert_eq!(one.state().hash(), game.state().hash());
            let two = batch::play(sc, seed, &strategies);
            prop_assert!(one.is_over());
            prop_assert_eq!(one.state().hash(), two.state().hash());
            prop_assert!(one.state().log == two.state().log);
            invariants(&one)?;
            // Computer orders are legal too: replaying them rebuilds the game.
            let again = Game::replay(Arc::clone(sc), seed, &[], one.orders(), &[]).map_err(|(t, e)| TestCaseError::fail(format!("replay refused turn {t}: {e}")))?;
            prop_assert_eq!(again.state().hash(), one.state().hash());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Plain tests

/// Fixed orders that are legal in any state: postures only, cycling through the three.
fn posture_turn(sc: &Scenario, turn: u32) -> TurnOrders {
    sc.actor_ixs()
        .map(|seat| {
            let postures = sc
                .actor_ixs()
                .filter(|o| *o != seat)
                .map(|o| (o, Posture::ALL[(turn as usize + seat.ix() + o.ix()) % 3]))
                .collect();
            (
                seat,
                Orders {
                    postures,
                    ..Orders::default()
                },
            )
        })
        .collect()
}

fn play_postures(sc: &Arc<Scenario>, seed: u64) -> Game {
    let mut g = Game::new(Arc::clone(sc), seed);
    while !g.is_over() {
        let t = g.current_turn();
        g.resolve(posture_turn(sc, t))
            .expect("postures are always legal");
    }
    g
}

#[test]
fn same_seed_same_log_different_seed_different_log() {
    for sc in SCENARIOS.iter() {
        let seeds: Vec<u64> = (1..=8).collect();
        let games: Vec<Game> = seeds.iter().map(|s| play_postures(sc, *s)).collect();
        for (s, g) in seeds.iter().zip(&games) {
            let again = play_postures(sc, *s);
            assert!(
                again.state().log == g.state().log,
                "{}: seed {s} gave two logs",
                sc.id
            );
            assert_eq!(again.state().hash(), g.state().hash());
        }
        let differing = games
            .windows(2)
            .filter(|w| w[0].state().log != w[1].state().log)
            .count();
        assert!(
            differing >= games.len() - 2,
            "{}: only {differing} of {} neighbouring seeds differ",
            sc.id,
            games.len() - 1
        );
    }
}

#[test]
fn batch_runs_do_not_depend_on_threads() {
    for sc in SCENARIOS.iter() {
        let strategies = vec![Play::Doctrine; sc.actors.len()];
        let p = AtomicU64::new(0);
        let one = batch::run(sc, 6, 7, &strategies, None, 1, &p);
        let two = batch::run(sc, 6, 7, &strategies, None, 2, &p);
        assert_eq!(one, two, "{}", sc.id);
    }
}

/// The generator of legal orders is not vacuous: over a few games it takes every action each
/// scenario offers, answers proposals both ways, and meets incidents.
#[test]
fn legal_orders_reach_every_action() {
    use backchannel::engine::EventKind;
    for sc in SCENARIOS.iter() {
        let mut taken = [false; ActionKind::ALL.len()];
        let (mut accepted, mut refused, mut incidents) = (0, 0, 0);
        for g in 0..12u64 {
            let raw: Vec<u64> = (0..6000u64).map(|i| batch::game_seed(g, i)).collect();
            let game = play_game(sc, g, &raw).unwrap_or_else(|e| panic!("{}: {e}", sc.id));
            for e in &game.state().log {
                match &e.kind {
                    EventKind::ActionTaken { action, .. } => taken[action.kind().ix()] = true,
                    EventKind::ProposalAnswered { accepted: true, .. } => accepted += 1,
                    EventKind::ProposalAnswered {
                        accepted: false, ..
                    } => refused += 1,
                    EventKind::IncidentDetected { .. } => incidents += 1,
                    _ => {}
                }
            }
        }
        for kind in ActionKind::ALL {
            assert!(
                sc.action(kind).is_none() || taken[kind.ix()],
                "{}: no game took {kind:?}",
                sc.id
            );
        }
        let proposes = sc.action(ActionKind::ProposeMeasure).is_some();
        assert!(
            !proposes || (accepted > 0 && refused > 0),
            "{}: {accepted} accepted, {refused} refused",
            sc.id
        );
        assert!(incidents > 0, "{}: no incident in twelve games", sc.id);
    }
}
