//! The policy file: the norms and terms of each *Voorschrift* year in TOML.
//!
//! ```toml
//! [[version]]
//! name = "Voorschrift Zorgtoewijzing 2027"
//! in_force_from = "2027-01-01"
//! care_refusal_decision_days = 7
//! counted_refusals_until_precaution = 2
//! first_contact = { first_allocation_working_days = 10, later_allocation_working_days = 5 }
//! [version.norms]
//! actief_plaatsen = { VV = { days = 42 }, GHZ = { days = 91 }, GGZ = { days = 91 } }
//! wacht_op_voorkeur = { VV = { months = 12 }, GHZ = { months = 12 }, GGZ = { months = 12 } }
//! ```
//!
//! A status without an entry for a sector has no norm there. `passend policy
//! default` prints the default policy in this form.

use std::path::Path;

use anyhow::Context as _;
use passend_domain::policy::{PolicySet, PolicyVersion};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    version: Vec<PolicyVersion>,
}

/// Parses and validates a policy file's text.
pub fn parse(text: &str) -> anyhow::Result<PolicySet> {
    let file: PolicyFile = toml::from_str(text)?;
    Ok(PolicySet::new(file.version)?)
}

/// Reads, parses and validates a policy file.
pub fn load(path: &Path) -> anyhow::Result<PolicySet> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read policy file {}", path.display()))?;
    parse(&text).with_context(|| format!("policy file {} is not valid", path.display()))
}

/// The default policy as a policy file.
pub fn default_toml() -> String {
    let file = PolicyFile { version: vec![PolicyVersion::passend_default()] };
    toml::to_string_pretty(&file).expect("the default policy serialises")
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use passend_domain::codes::{Sector, WaitStatus};
    use passend_domain::policy::Term;

    use super::*;

    #[test]
    fn the_default_policy_round_trips_through_toml() {
        assert_eq!(parse(&default_toml()).unwrap(), PolicySet::default());
    }

    #[test]
    fn a_second_year_with_an_urgent_norm_applies_from_its_start() {
        let text = format!(
            "{}\n{}",
            default_toml(),
            r#"
[[version]]
name = "Voorschrift Zorgtoewijzing 2027"
in_force_from = "2027-01-01"
care_refusal_decision_days = 7
counted_refusals_until_precaution = 2
first_contact = { first_allocation_working_days = 10, later_allocation_working_days = 5 }
[version.norms]
urgent_plaatsen = { VV = { days = 14 } }
actief_plaatsen = { VV = { days = 42 }, GHZ = { days = 91 }, GGZ = { days = 91 } }
"#
        );
        let policies = parse(&text).unwrap();
        let norm = |day| policies.in_force_on(day).norms.for_status(WaitStatus::UrgentPlaatsen, Sector::Vv);
        assert_eq!(norm(date(2026, 12, 31)), None);
        assert_eq!(norm(date(2027, 1, 1)), Some(Term::Days(14)));
    }

    #[test]
    fn unknown_fields_and_bad_values_are_refused_with_the_reason() {
        let unknown = default_toml().replace("care_refusal_decision_days", "care_refusal_days");
        let error = format!("{:#}", parse(&unknown).unwrap_err());
        assert!(error.contains("care_refusal_days"), "{error}");
        let zero = default_toml().replace("days = 42", "days = 0");
        let error = format!("{:#}", parse(&zero).unwrap_err());
        assert!(error.contains("at least 1 day"), "{error}");
    }
}
