//! Saved games. A save holds what a game cannot rebuild on its own: the scenario it was played
//! with (its text, id and content hash), the seed, every turn's orders and every facilitator
//! intervention. Restoring replays them through the engine and checks each turn's hash against
//! the one recorded at save time, so a damaged or edited save is refused, naming the first turn
//! that differs, rather than silently producing a different game.
//!
//! Pure: text in, text out. Reading and writing files (atomically) is the command line's job.

use crate::engine::intervention::Logged;
use crate::engine::{EngineError, Game, TurnOrders};
use crate::ids::ScenarioId;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The save format this build writes. Format 2 came with computer seats drawing derived dice,
/// binding postures and mandates: a format 1 game does not replay under these rules, so it is
/// refused with the way on rather than verified and rejected as damaged. Format 3 added the
/// scenario text, turn hashes and interventions; a format 2 save plays by the same rules and
/// still loads, verified by its final hash alone.
pub const SAVE_FORMAT: u32 = 3;
/// The oldest format this build reads.
pub const OLDEST_FORMAT: u32 = 2;

/// A game as stored on disk, in RON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Save")]
pub struct Save {
    /// Save format version; a newer one than `SAVE_FORMAT` is refused with a clear message.
    pub format: u32,
    pub scenario_id: ScenarioId,
    /// Content hash of the scenario text the game was played with.
    pub scenario_hash: u64,
    /// That text itself, so the save replays, debriefs and forks on another machine, from any
    /// folder, after the scenario file has moved or changed. Absent only when the game was not
    /// started from a file (tests).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_text: Option<String>,
    pub seed: u64,
    /// The seats people played (their intents are mandates). Absent in saves written before it
    /// was recorded, which replay as all-computer games, exactly as they were played then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub humans: Vec<crate::ids::ActorIx>,
    /// The computer seats that did not play the doctrine, and what they played: a fork plays
    /// them on as they would.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<(crate::ids::ActorIx, crate::ai::Strategy)>,
    /// Every seat's orders, turn by turn, exactly as the engine resolved them.
    pub turns: Vec<TurnOrders>,
    /// The facilitator's interventions, each with its turn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interventions: Vec<Logged>,
    /// `Game::turn_hashes`: one per turn, covering its state, orders (reasons included) and
    /// interventions.
    #[serde(default)]
    pub hashes: Vec<u64>,
    /// `Game::hash` at save time: replaying must arrive at the same game.
    pub final_hash: u64,
}

/// Only the version, read first so a save from a newer build is refused as such rather than as
/// malformed (it may carry fields this build does not know).
#[derive(Deserialize)]
#[serde(rename = "Save")]
struct Header {
    format: u32,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SaveError {
    #[error("the save is not readable: line {line}, column {col}: {message}")]
    Malformed {
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "this save was written by a newer version of Backchannel (save format {found}; this version reads up to format {supported}); update Backchannel to open it"
    )]
    NewerFormat { found: u32, supported: u32 },
    #[error(
        "this save was written by an earlier version of Backchannel (save format {found}), whose rules differ: it cannot be replayed by this version. Start a new game, or replay it with the earlier version"
    )]
    OlderFormat { found: u32 },
    #[error("this save is for scenario \"{save}\", but the scenario given is \"{given}\"")]
    WrongScenario { save: ScenarioId, given: ScenarioId },
    #[error(
        "this save was made with a different version of scenario \"{id}\"; the scenario file has changed since (content hash {found:016x}, the save expects {expected:016x}). Replay it with the scenario file it was played with"
    )]
    ScenarioChanged {
        id: ScenarioId,
        expected: u64,
        found: u64,
    },
    #[error("the save is damaged: replay diverges at turn {turn} ({reason})")]
    Diverges { turn: u32, reason: String },
    #[error(
        "the save is damaged: turn {turn} replays differently from the way it was played (its orders, their reasons or its interventions were edited); turns before it are intact"
    )]
    TurnDiffers { turn: u32 },
    #[error(
        "the save is damaged: it says format 2 but holds what only format 3 records (the scenario text, turn hashes or interventions)"
    )]
    Relabelled,
    #[error("the save records {found} turn hashes for {turns} turns: it is damaged")]
    HashCount { found: usize, turns: usize },
    #[error(
        "the save is damaged: the final state differs from the one recorded (replay gives {found:016x}, the save records {expected:016x})"
    )]
    FinalStateDiffers { expected: u64, found: u64 },
    #[error("the game could not be written as a save: {0}")]
    Encode(String),
}

impl Save {
    /// Records a game, finished or not.
    pub fn from_game(game: &Game) -> Save {
        let sc = game.scenario();
        Save {
            format: SAVE_FORMAT,
            scenario_id: sc.id.clone(),
            scenario_hash: sc.content_hash,
            scenario_text: sc.source.as_deref().map(str::to_owned),
            seed: game.seed(),
            humans: game.humans(),
            strategies: Vec::new(),
            turns: game.orders().to_vec(),
            interventions: game.interventions().to_vec(),
            hashes: game.turn_hashes(),
            final_hash: game.hash(),
        }
    }

    /// Records which computer seats played a strategy other than the doctrine.
    pub fn with_strategies(mut self, strategies: &[crate::ai::Strategy]) -> Save {
        self.strategies = strategies
            .iter()
            .enumerate()
            .filter(|(a, s)| {
                **s != crate::ai::Strategy::Doctrine
                    && !self.humans.contains(&crate::ids::ActorIx::from_ix(*a))
            })
            .map(|(a, s)| (crate::ids::ActorIx::from_ix(a), *s))
            .collect();
        self
    }

    /// Every actor's strategy in the game (the doctrine unless recorded otherwise).
    pub fn strategy_of_each(&self, actors: usize) -> Vec<crate::ai::Strategy> {
        let mut all = vec![crate::ai::Strategy::Doctrine; actors];
        for (a, s) in &self.strategies {
            if let Some(x) = all.get_mut(a.ix()) {
                *x = *s;
            }
        }
        all
    }

    /// The save as pretty RON, headed by a comment naming the game for a human reader.
    pub fn to_text(&self) -> Result<String, SaveError> {
        // Up to a seat's orders the layout is one item per line; each seat's orders stay on one
        // line, so a long game stays readable and diffs line up turn by turn.
        let pretty = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .depth_limit(4);
        let body = ron::ser::to_string_pretty(self, pretty)
            .map_err(|e| SaveError::Encode(e.to_string()))?;
        Ok(format!(
            "// Backchannel save: scenario \"{}\", seed {}, {} turn{} played.\n{body}\n",
            self.scenario_id,
            self.seed,
            self.turns.len(),
            if self.turns.len() == 1 { "" } else { "s" },
        ))
    }

    /// Reads a save. Refuses text that is not a save, and saves from a newer format.
    pub fn parse(text: &str) -> Result<Save, SaveError> {
        let options = ron::Options::default();
        let header: Header = options.from_str(text).map_err(malformed)?;
        check_format(header.format)?;
        options.from_str(text).map_err(malformed)
    }

    /// Rebuilds the game from `scenario`, which must be the very scenario the save was made with,
    /// and checks that replaying it gives every recorded turn hash and the final one.
    pub fn restore(&self, scenario: Arc<Scenario>) -> Result<Game, SaveError> {
        if scenario.id != self.scenario_id {
            return Err(SaveError::WrongScenario {
                save: self.scenario_id.clone(),
                given: scenario.id.clone(),
            });
        }
        if scenario.content_hash != self.scenario_hash {
            return Err(SaveError::ScenarioChanged {
                id: self.scenario_id.clone(),
                expected: self.scenario_hash,
                found: scenario.content_hash,
            });
        }
        // Format 2 had no text, turn hashes or interventions: a "format 2" save carrying them was
        // relabelled, and would escape the turn-by-turn check.
        if self.format == OLDEST_FORMAT
            && (self.scenario_text.is_some()
                || !self.hashes.is_empty()
                || !self.interventions.is_empty()
                || !self.strategies.is_empty())
        {
            return Err(SaveError::Relabelled);
        }
        let game = Game::replay(
            scenario,
            self.seed,
            &self.humans,
            &self.turns,
            &self.interventions,
        )
        .map_err(|(turn, e)| diverges(turn, &e))?;
        if self.format > OLDEST_FORMAT && self.hashes.len() != self.turns.len() {
            return Err(SaveError::HashCount {
                found: self.hashes.len(),
                turns: self.turns.len(),
            });
        }
        if let Some(t) = (game.turn_hashes().iter().zip(&self.hashes)).position(|(a, b)| a != b) {
            return Err(SaveError::TurnDiffers { turn: t as u32 + 1 });
        }
        let found = game.hash();
        if found != self.final_hash {
            return Err(SaveError::FinalStateDiffers {
                expected: self.final_hash,
                found,
            });
        }
        Ok(game)
    }
}

/// Refuses a format this build cannot read, saying how to go on: checked wherever a save or an
/// autosave is read, before the rest of it.
pub fn check_format(found: u32) -> Result<(), SaveError> {
    if found > SAVE_FORMAT {
        Err(SaveError::NewerFormat {
            found,
            supported: SAVE_FORMAT,
        })
    } else if found < OLDEST_FORMAT {
        Err(SaveError::OlderFormat { found })
    } else {
        Ok(())
    }
}

fn malformed(e: ron::error::SpannedError) -> SaveError {
    SaveError::Malformed {
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    }
}

fn diverges(turn: u32, e: &EngineError) -> SaveError {
    let reason = match e {
        EngineError::GameOver => {
            "the game had already ended; the save records turns after its end".to_owned()
        }
        e => format!("its orders are refused: {e}"),
    };
    SaveError::Diverges { turn, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ai::Strategy;
    use crate::engine::Intervention;
    use crate::engine::Posture;
    use crate::engine::orders::Assessment;
    use crate::ids::ActorIx;
    use crate::scenario::{ScenarioFile, compile, content_hash, ron_options};

    const DUEL: &str = include_str!("../tests/fixtures/engine/duel.ron");

    fn scenario(text: &str) -> Arc<Scenario> {
        let file: ScenarioFile = ron_options().from_str(text).expect("the duel parses");
        Arc::new(compile(&file, content_hash(text)).expect("the duel compiles"))
    }

    fn played() -> (Arc<Scenario>, Game) {
        let sc = scenario(DUEL);
        let strategies = vec![Strategy::Doctrine; sc.actors.len()];
        let game = crate::batch::play(&sc, 7, &strategies);
        (sc, game)
    }

    #[test]
    fn a_save_round_trips_through_text_and_replays_to_the_same_state() {
        let (sc, game) = played();
        let save = Save::from_game(&game);
        let text = save.to_text().unwrap();
        assert!(text.starts_with("// Backchannel save: scenario \"duel\""));
        let back = Save::parse(&text).unwrap();
        assert_eq!(back, save);
        let restored = back.restore(sc).unwrap();
        assert_eq!(restored.state().hash(), game.state().hash());
        assert_eq!(restored.orders(), game.orders());
    }

    #[test]
    fn an_unfinished_game_with_assessments_round_trips_exactly() {
        let sc = scenario(DUEL);
        let mut game = Game::new(Arc::clone(&sc), 3);
        let (north, south) = (ActorIx(0), ActorIx(1));
        for _ in 0..2 {
            let orders = sc
                .actor_ixs()
                .map(|a| {
                    let mut o = game.decide(a, &Strategy::TitForTat);
                    if a == north {
                        // Probabilities with long decimal expansions must come back bit for bit.
                        let probs = game.view(a).belief(south).to_vec();
                        o.assessments.push(Assessment { of: south, probs });
                    }
                    (a, o)
                })
                .collect();
            game.resolve(orders).unwrap();
        }
        let saved = Save::from_game(&game);
        let save = Save::parse(&saved.to_text().unwrap()).unwrap();
        assert_eq!(save, saved);
        assert_eq!(save.turns.len(), 2);
        let restored = save.restore(sc).unwrap();
        assert!(!restored.is_over());
        assert_eq!(
            restored.state().actors[0].assessments,
            game.state().actors[0].assessments
        );
    }

    #[test]
    fn damaged_text_is_refused_with_its_position() {
        let (_, game) = played();
        let text = Save::from_game(&game).to_text().unwrap();
        let cut = &text[..text.len() / 2];
        match Save::parse(cut) {
            Err(SaveError::Malformed { line, .. }) => assert!(line > 1),
            other => panic!("expected a malformed save, got {other:?}"),
        }
        let err = Save::parse("Save(format: 2, nonsense: 3)").unwrap_err();
        assert!(
            matches!(err, SaveError::Malformed { line: 1, .. }),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .starts_with("the save is not readable: line 1"),
            "{err}"
        );
    }

    #[test]
    fn a_format_1_save_is_refused_with_the_way_on() {
        let (_, game) = played();
        let text = Save::from_game(&game).to_text().unwrap();
        let old = text.replacen("format: 3,", "format: 1,", 1);
        let err = Save::parse(&old).unwrap_err();
        assert_eq!(err, SaveError::OlderFormat { found: 1 });
        assert!(err.to_string().contains("Start a new game"), "{err}");
    }

    /// A format 3 save relabelled as format 2, its turn hashes removed, would be checked by its
    /// final hash alone: it is refused, so an edited news item or reason cannot slip through.
    #[test]
    fn a_relabelled_save_is_refused() {
        let sc = scenario(DUEL);
        let mut game = Game::new(Arc::clone(&sc), 3);
        game.intervene(crate::engine::Intervention::News {
            text: "A cable leaks.".into(),
            to: vec![],
        })
        .unwrap();
        let orders = sc
            .actor_ixs()
            .map(|a| (a, game.decide(a, &Strategy::Doctrine)))
            .collect();
        game.resolve(orders).unwrap();
        let mut save = Save::from_game(&game);
        save.format = 2;
        save.hashes.clear();
        if let Intervention::News { text, .. } = &mut save.interventions[0].what {
            text.push('!');
        }
        assert_eq!(save.restore(sc).unwrap_err(), SaveError::Relabelled);
    }

    #[test]
    fn a_newer_format_is_refused_as_such() {
        let err = Save::parse("Save(format: 99, something_new: true)").unwrap_err();
        assert_eq!(
            err,
            SaveError::NewerFormat {
                found: 99,
                supported: SAVE_FORMAT
            }
        );
        assert!(err.to_string().contains("newer version"));
    }

    #[test]
    fn a_changed_scenario_is_refused() {
        let (_, game) = played();
        let save = Save::from_game(&game);
        let edited = DUEL.replace("turn_limit: 12", "turn_limit: 13");
        assert_ne!(edited, DUEL);
        let err = save.restore(scenario(&edited)).unwrap_err();
        assert!(matches!(err, SaveError::ScenarioChanged { .. }), "{err:?}");
        assert!(
            err.to_string()
                .starts_with("this save was made with a different version of scenario \"duel\""),
            "{err}"
        );

        let renamed = DUEL.replace("id: \"duel\"", "id: \"other\"");
        let err = save.restore(scenario(&renamed)).unwrap_err();
        assert!(matches!(err, SaveError::WrongScenario { .. }), "{err:?}");
    }

    #[test]
    fn tampered_orders_are_refused() {
        let (sc, game) = played();
        let save = Save::from_game(&game);

        // Postures flipped in the last turn: every order is still legal (no later turn can refer
        // to what changed), but the game comes out differently.
        let mut flipped = save.clone();
        let last = flipped.turns.len() - 1;
        let (_, orders) = &mut flipped.turns[last][0];
        orders.postures = sc
            .actor_ixs()
            .skip(1)
            .map(|a| (a, Posture::Intensify))
            .collect();
        orders.notes.clear();
        let err = flipped.restore(Arc::clone(&sc)).unwrap_err();
        assert_eq!(
            err,
            SaveError::TurnDiffers {
                turn: last as u32 + 1
            }
        );
        assert!(
            err.to_string()
                .starts_with(&format!("the save is damaged: turn {} replays", last + 1))
        );

        // A computer seat's reasons edited: the state is the same, the turn hash is not.
        let mut reasons = save.clone();
        let (turn, seat) = (0..reasons.turns.len())
            .find_map(|t| {
                let k = reasons.turns[t]
                    .iter()
                    .position(|(_, o)| !o.notes.is_empty())?;
                Some((t, k))
            })
            .expect("the doctrine gives reasons");
        reasons.turns[turn][seat].1.notes[0].reason =
            crate::engine::orders::Reason::Pressure { pressure: 0.123 };
        let err = reasons.restore(Arc::clone(&sc)).unwrap_err();
        assert_eq!(
            err,
            SaveError::TurnDiffers {
                turn: turn as u32 + 1
            }
        );

        // An order the engine refuses: the replay stops at that turn.
        let mut illegal = save.clone();
        let turn = illegal.turns.len().min(2);
        illegal.turns[turn - 1][0].1.actions = vec![crate::engine::Action::Sanctions {
            target: crate::ids::ActorIx(0),
        }];
        let err = illegal.restore(Arc::clone(&sc)).unwrap_err();
        assert_eq!(
            err,
            SaveError::Diverges {
                turn: turn as u32,
                reason: "its orders are refused: an action cannot be aimed at yourself".into()
            }
        );

        // Turns recorded after the game ended.
        let mut extra = save.clone();
        let last = extra.turns.last().unwrap().clone();
        extra.turns.push(last);
        let err = extra.restore(Arc::clone(&sc)).unwrap_err();
        assert!(
            matches!(err, SaveError::Diverges { turn, .. } if turn as usize == extra.turns.len()),
            "{err:?}"
        );

        // The recorded hash itself edited.
        let mut hash = save;
        hash.final_hash ^= 1;
        assert!(matches!(
            hash.restore(sc).unwrap_err(),
            SaveError::FinalStateDiffers { .. }
        ));
    }
}
