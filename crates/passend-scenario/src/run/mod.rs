//! Running a valid scenario: its steps in order through the real service,
//! one [`Check`] per event step and per expected key.

mod observe;
mod world;

use jiff::civil::Date;
use passend_store::CommandError;
use serde_json::Value;

use crate::Check;
use crate::model::{Action, EventStep, ScenarioFile};
use world::{World, meta};

/// Runs a valid scenario on a fresh in-memory store and returns its checks
/// in step order. Never panics on the file's content: a store failure
/// becomes a failed check.
pub fn run(scenario: &ScenarioFile) -> Vec<Check> {
    let world = match World::set_up(scenario) {
        Ok(world) => world,
        Err(error) => return vec![Check::broken(None, "setup", Value::from("registered"), error)],
    };
    let mut checks = Vec::new();
    for (index, step) in scenario.steps.iter().enumerate() {
        match &step.action {
            Action::Event(event) => checks.push(event_check(&world, index, step.on, event)),
            Action::Expect(expectation) => checks.extend(observe::checks(&world, index, step.on, expectation)),
        }
    }
    checks
}

/// Executes an event step. "With `"expect_error": true` the step passes only
/// if the event is rejected"; an event accepted against that expectation is
/// still applied, as the service applies every accepted command.
fn event_check(world: &World, index: usize, on: Date, step: &EventStep) -> Check {
    let expected = if step.expect_error { "rejected" } else { "accepted" };
    let prepared = world.client(&step.client).and_then(|client| Ok((client, world.command(&step.event)?)));
    let (client, command) = match prepared {
        Ok(prepared) => prepared,
        Err(error) => return Check::broken(Some(index), "event", Value::from(expected), error),
    };
    let (actual, note) = match world.service.execute(client, &command, meta(on), None) {
        Ok(_) if step.expect_error => ("accepted", Some("the event was accepted and applied".to_string())),
        Ok(_) => ("accepted", None),
        Err(CommandError::Rejected(rejection)) => ("rejected", Some(rejection.to_string())),
        Err(other) => return Check::broken(Some(index), "event", Value::from(expected), other.to_string()),
    };
    Check {
        step: Some(index),
        key: "event".to_string(),
        ok: actual == expected,
        expected: Value::from(expected),
        actual: Value::from(actual),
        note,
    }
}
