//! Writing the results: one line per checked key or invalid file, as text
//! for people or as JSON lines for tools, and the exit code over all files.
//!
//! `scenarios/README.md`, "The runner": a line per checked key — `ok` or
//! `FAIL` with file, step, key, expected and actual; `--json` prints
//! `{"file","step","key","ok","expected","actual"}` per check and
//! `{"file","step","field","error"}` per invalid file. Exit code 2 if any
//! file was invalid, else 1 if any check failed, else 0.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use crate::{Check, InvalidFile};

/// Writes results as they come and keeps the counts for the exit code.
pub(crate) struct Report<'a> {
    out: &'a mut dyn Write,
    json: bool,
    files: usize,
    invalid_files: usize,
    checks: usize,
    failed_checks: usize,
}

impl<'a> Report<'a> {
    pub(crate) fn new(out: &'a mut dyn Write, json: bool) -> Report<'a> {
        Report { out, json, files: 0, invalid_files: 0, checks: 0, failed_checks: 0 }
    }

    /// Reports a file that did not run, with its first problem.
    pub(crate) fn invalid(&mut self, file: &str, invalid: &InvalidFile) -> io::Result<()> {
        self.files += 1;
        self.invalid_files += 1;
        if self.json {
            let line = InvalidLine { file, step: invalid.step, field: &invalid.field, error: &invalid.error };
            writeln!(self.out, "{}", to_json(&line)?)
        } else {
            let step = invalid.step.map_or_else(String::new, |step| format!(" step {step}"));
            let field = if invalid.field.is_empty() { String::new() } else { format!(" {}", invalid.field) };
            writeln!(self.out, "INVALID {file}{step}{field}: {}", invalid.error)
        }
    }

    /// Reports the checks of a file that ran.
    pub(crate) fn ran(&mut self, file: &str, checks: &[Check]) -> io::Result<()> {
        self.files += 1;
        for check in checks {
            self.check(file, check)?;
        }
        Ok(())
    }

    fn check(&mut self, file: &str, check: &Check) -> io::Result<()> {
        self.checks += 1;
        if !check.ok {
            self.failed_checks += 1;
        }
        if self.json {
            let line = CheckLine {
                file,
                step: check.step,
                key: &check.key,
                ok: check.ok,
                expected: &check.expected,
                actual: &check.actual,
            };
            return writeln!(self.out, "{}", to_json(&line)?);
        }
        let verdict = if check.ok { "ok  " } else { "FAIL" };
        let step = check.step.map_or_else(|| "-".to_string(), |step| step.to_string());
        // The note says why: the rejection's reason, or the error behind a failure.
        let note = check.note.as_ref().map_or_else(String::new, |note| format!(" ({note})"));
        writeln!(
            self.out,
            "{verdict} {file} step {step} {}: expected {}, actual {}{note}",
            check.key, check.expected, check.actual
        )
    }

    /// Writes the closing summary (text only: JSON output is check lines
    /// only) and returns the exit code.
    pub(crate) fn finish(self) -> io::Result<u8> {
        if !self.json {
            writeln!(
                self.out,
                "scenario run: {} files ({} invalid), {} checks, {} failed",
                self.files, self.invalid_files, self.checks, self.failed_checks
            )?;
        }
        Ok(if self.invalid_files > 0 {
            2
        } else if self.failed_checks > 0 {
            1
        } else {
            0
        })
    }
}

/// A `--json` line for a checked key, its fields in the documented order.
#[derive(Serialize)]
struct CheckLine<'a> {
    file: &'a str,
    step: Option<usize>,
    key: &'a str,
    ok: bool,
    expected: &'a Value,
    actual: &'a Value,
}

/// A `--json` line for an invalid file.
#[derive(Serialize)]
struct InvalidLine<'a> {
    file: &'a str,
    step: Option<usize>,
    field: &'a str,
    error: &'a str,
}

fn to_json(line: &impl Serialize) -> io::Result<String> {
    serde_json::to_string(line).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(ok: bool) -> Check {
        Check {
            step: Some(0),
            key: "event".into(),
            ok,
            expected: "accepted".into(),
            actual: "accepted".into(),
            note: None,
        }
    }

    fn exit_code(invalid: usize, checks: &[Check]) -> (u8, String) {
        let mut out = Vec::new();
        let mut report = Report::new(&mut out, false);
        for _ in 0..invalid {
            report.invalid("x.json", &InvalidFile::whole_file("no such file or folder")).unwrap();
        }
        report.ran("y.json", checks).unwrap();
        let code = report.finish().unwrap();
        (code, String::from_utf8(out).unwrap())
    }

    #[test]
    fn the_exit_code_is_2_for_an_invalid_file_else_1_for_a_failure_else_0() {
        assert_eq!(exit_code(0, &[]).0, 0);
        assert_eq!(exit_code(0, &[check(true), check(true)]).0, 0);
        assert_eq!(exit_code(0, &[check(true), check(false)]).0, 1);
        assert_eq!(exit_code(1, &[check(false)]).0, 2);
        assert_eq!(exit_code(1, &[]).0, 2);
    }

    #[test]
    fn text_lines_name_file_step_key_expected_and_actual() {
        let (_, text) = exit_code(1, &[check(true), check(false)]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "INVALID x.json: no such file or folder");
        assert_eq!(lines[1], r#"ok   y.json step 0 event: expected "accepted", actual "accepted""#);
        assert_eq!(lines[2], r#"FAIL y.json step 0 event: expected "accepted", actual "accepted""#);
        assert_eq!(lines[3], "scenario run: 2 files (1 invalid), 2 checks, 1 failed");
    }

    #[test]
    fn json_lines_have_the_documented_keys_in_order() {
        let mut out = Vec::new();
        let mut report = Report::new(&mut out, true);
        report.ran("y.json", &[check(false)]).unwrap();
        let invalid = InvalidFile { step: Some(3), field: "steps[3].care_profile".into(), error: "bad".into() };
        report.invalid("x.json", &invalid).unwrap();
        assert_eq!(report.finish().unwrap(), 2);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                r#"{"file":"y.json","step":0,"key":"event","ok":false,"expected":"accepted","actual":"accepted"}"#,
                r#"{"file":"x.json","step":3,"field":"steps[3].care_profile","error":"bad"}"#,
            ]
        );
    }
}
