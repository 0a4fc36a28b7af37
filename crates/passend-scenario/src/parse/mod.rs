//! From the text of a scenario file to a [`ScenarioFile`], or the first
//! reason it is invalid.
//!
//! The whole file is validated before anything runs (`scenarios/README.md`,
//! "The runner"): shape, unknown and repeated keys, ids, codes and dates. The
//! parts are read in file order — `title`, `providers`, `locations`, `clients`,
//! `steps` — so every id is declared before a step refers to it.

mod codes;
mod event;
mod expectation;
mod ids;
mod reader;
mod setup;

use jiff::civil::Date;

use crate::InvalidFile;
use crate::json_tree::Json;
use crate::model::{Action, ScenarioFile, Step};
use ids::Ids;
use reader::{Object, Value};

const FILE_KEYS: [&str; 5] = ["title", "providers", "locations", "clients", "steps"];

/// Parses and validates a whole scenario file.
pub fn parse(text: &str) -> Result<ScenarioFile, InvalidFile> {
    // A byte-order mark is how some editors start a UTF-8 file; it is not JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json = Json::parse(text).map_err(|error| InvalidFile::whole_file(format!("not valid JSON: {error}")))?;
    let root = Object::read(&Value::root(&json))?;
    root.allow_only(&FILE_KEYS, "a scenario file")?;
    let title = root.optional("title").map(|value| value.string().map(str::to_string)).transpose()?;
    let mut ids = Ids::default();
    let providers = setup::providers(&root.required("providers")?, &mut ids)?;
    let locations = setup::locations(&root.required("locations")?, &mut ids, &providers)?;
    let clients = setup::clients(&root.required("clients")?, &mut ids)?;
    let steps = steps(&root.required("steps")?, &ids)?;
    Ok(ScenarioFile { title, providers, locations, clients, steps })
}

/// Reads the steps; "`on` never decreases from one step to the next".
fn steps(value: &Value<'_>, ids: &Ids) -> Result<Vec<Step>, InvalidFile> {
    let mut steps = Vec::new();
    let mut previous: Option<Date> = None;
    for item in value.steps()? {
        let step = Object::read(&item)?;
        let on_value = step.required("on")?;
        let on = on_value.date()?;
        if let Some(previous) = previous
            && on < previous
        {
            return Err(on_value
                .place
                .invalid(format!("{on} is before the previous step's date {previous}; `on` never decreases")));
        }
        previous = Some(on);
        let action = if step.has("event") {
            Action::Event(event::event_step(&step, ids)?)
        } else if step.has("expect") {
            Action::Expect(expectation::expectation_step(&step, ids)?)
        } else {
            return Err(item.place.invalid("a step needs either `event` (an event) or `expect` (an expectation)"));
        };
        steps.push(Step { on, action });
    }
    Ok(steps)
}

#[cfg(test)]
mod tests;
