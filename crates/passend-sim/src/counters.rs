//! What the generator counts while it records: events written and commands
//! the rules rejected.

use passend_store::CommandError;

use crate::error::GenerateError;

/// How many rejections are kept as examples.
const SAMPLES: usize = 20;

#[derive(Default)]
pub(crate) struct Counters {
    pub events: u64,
    pub rejected: u64,
    pub samples: Vec<String>,
}

impl Counters {
    /// Counts a failed command: a rule rejection is counted (and a few are
    /// kept as examples); a storage failure stops the generation.
    pub(crate) fn failed(&mut self, error: CommandError, what: impl FnOnce() -> String) -> Result<(), GenerateError> {
        match error {
            CommandError::Store(error) => Err(GenerateError::Store(error)),
            rejection => {
                self.rejected += 1;
                if self.samples.len() < SAMPLES {
                    self.samples.push(format!("{}: {rejection}", what()));
                }
                Ok(())
            }
        }
    }
}
