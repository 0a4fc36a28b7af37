//! The iWlz code lists passend uses: care profiles (COD163), delivery forms
//! (COD578), waiting statuses (COD167), their classifications (COD168), reasons
//! for ending care (COD172) and zorgkantoor regions (COD001), plus the Wlz
//! sectors and the four grounds for refusing care.
//!
//! Each type parses the tokens and codes the scenario format and the iWlz
//! messages use, displays and serialises as its token (or name), and carries
//! the Dutch label of its code list. The long lists (COD163, regions) are data
//! files in `data/`, compiled in and parsed on first use; the short ones are
//! enums here.

mod care_end_reason;
mod care_profile;
mod classification;
mod delivery_form;
mod refusal_ground;
mod region;
mod sector;
mod wait_status;

pub use care_end_reason::CareEndReason;
pub use care_profile::CareProfile;
pub use classification::Classification;
pub use delivery_form::DeliveryForm;
pub use refusal_ground::RefusalGround;
pub use region::Region;
pub use sector::Sector;
pub use wait_status::WaitStatus;

/// Splits one line of a compiled-in CSV file into its fields. A field may be
/// quoted to hold commas; quotes inside a field are not supported, so every
/// field is a slice of the line and lives as long as the text it came from.
pub(crate) fn split_csv_line(line: &str) -> Result<Vec<&str>, String> {
    let mut fields = Vec::new();
    let mut rest = line;
    loop {
        let (field, after) = if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').ok_or("a quoted field is not closed")?;
            (&quoted[..end], &quoted[end + 1..])
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        if field.contains('"') {
            return Err(format!("field {} holds a quote", fields.len() + 1));
        }
        fields.push(field);
        match after.strip_prefix(',') {
            Some(next) => rest = next,
            None if after.is_empty() => return Ok(fields),
            None => {
                return Err(format!("field {} has text after its closing quote", fields.len()));
            }
        }
    }
}

/// The data lines of a CSV file (compiled in or read by an outer crate) with their 1-based line numbers,
/// after checking that the header is `header`. Blank lines are skipped and a
/// carriage return before the line end is ignored.
pub(crate) fn csv_data_lines<'a>(
    text: &'a str,
    header: &str,
) -> Result<impl Iterator<Item = (usize, &'a str)>, String> {
    let mut lines = text.lines().enumerate().map(|(index, line)| (index + 1, line));
    match lines.next() {
        Some((_, first)) if first == header => {}
        first => {
            return Err(format!("the header is {:?}, expected {header:?}", first.map(|l| l.1)));
        }
    }
    Ok(lines.filter(|(_, line)| !line.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_split_into_plain_and_quoted_fields() {
        assert_eq!(split_csv_line("754,5VV,Beschermd wonen"), Ok(vec!["754", "5VV", "Beschermd wonen"]));
        assert_eq!(split_csv_line("1,\"a, b\",c"), Ok(vec!["1", "a, b", "c"]));
        assert_eq!(split_csv_line("1,,"), Ok(vec!["1", "", ""]));
        assert_eq!(split_csv_line("\"x\""), Ok(vec!["x"]));
        assert_eq!(split_csv_line("\"a,b\",\"c,d\""), Ok(vec!["a,b", "c,d"]));
        assert!(split_csv_line("1,\"a").is_err());
        assert!(split_csv_line("1,\"a\"b").is_err());
        assert!(split_csv_line("1,a\"b").is_err());
    }

    #[test]
    fn csv_header_is_checked() {
        assert!(csv_data_lines("a,b\n1,2\n", "a,b").is_ok());
        assert!(csv_data_lines("a,c\n1,2\n", "a,b").is_err());
        assert!(csv_data_lines("", "a,b").is_err());
        let lines: Vec<_> = csv_data_lines("a,b\r\n1,2\r\n\r\n3,4", "a,b").unwrap().collect();
        assert_eq!(lines, vec![(2, "1,2"), (4, "3,4")]);
    }
}
