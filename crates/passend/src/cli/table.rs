//! Plain-text tables for the terminal: columns as wide as their widest cell.

/// Prints `header`, a rule, and `lines`; a column for which `right_aligned`
/// is true (numbers) is aligned to the right, the others to the left.
pub fn print(header: &[&str], lines: &[Vec<String>], right_aligned: impl Fn(usize) -> bool) {
    let header: Vec<String> = header.iter().map(|text| text.to_string()).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|column| lines.iter().chain([&header]).map(|line| line[column].chars().count()).max().unwrap_or(0))
        .collect();
    let print_line = |line: &[String]| {
        let cells: Vec<String> = line
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                let padding = " ".repeat(widths[column] - cell.chars().count());
                if right_aligned(column) { format!("{padding}{cell}") } else { format!("{cell}{padding}") }
            })
            .collect();
        println!("{}", cells.join("  ").trim_end());
    };
    print_line(&header);
    println!("{}", "-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1)));
    for line in lines {
        print_line(line);
    }
}
