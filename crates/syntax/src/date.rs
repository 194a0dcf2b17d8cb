//! Dates as German law texts write them: „14. Oktober 2025“ ↔ ISO „2025-10-14“.

/// The German month names, January first.
pub const MONATE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// "14. Oktober 2025", "· 14. Oktober 2025", "14.10.2025", "2025-10-14" → "2025-10-14".
pub fn parse_german(s: &str) -> Option<String> {
    let s = s.trim_start_matches(|c: char| !c.is_ascii_digit());
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() >= 3 {
        let d = words[0].trim_end_matches('.').parse::<u32>().ok();
        let m = MONATE
            .iter()
            .position(|m| *m == words[1] || (*m == "Januar" && words[1] == "Jänner"));
        let y = words[2]
            .trim_end_matches([',', '.', ')'])
            .parse::<u32>()
            .ok();
        if let (Some(d), Some(m), Some(y)) = (d, m, y) {
            if (1..=31).contains(&d) {
                return Some(format!("{y:04}-{:02}-{d:02}", m + 1));
            }
        }
    }
    let w = words.first()?;
    let parts: Vec<&str> = w.trim_end_matches([',', ')']).split(['.', '-']).collect();
    if parts.len() == 3 {
        let n: Vec<Option<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
        if let [Some(a), Some(b), Some(c)] = n[..] {
            if w.contains('-')
                && (1000..=2999).contains(&a)
                && (1..=12).contains(&b)
                && (1..=31).contains(&c)
            {
                return Some(format!("{a:04}-{b:02}-{c:02}"));
            }
            if c > 31 && (1..=12).contains(&b) && (1..=31).contains(&a) {
                return Some(format!("{c:04}-{b:02}-{a:02}"));
            }
        }
    }
    None
}

/// "2025-10-14" → "14. Oktober 2025" (the form of a Fassung line).
pub fn german(iso: &str) -> Option<String> {
    let mut p = iso.split('-').map(|x| x.parse::<u32>().ok());
    let (y, m, d) = (p.next()??, p.next()??, p.next()??);
    let month = MONATE.get((m as usize).checked_sub(1)?)?;
    Some(format!("{d}. {month} {y}"))
}

/// Today (UTC) as ISO "YYYY-MM-DD", from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    from_days((secs / 86_400) as i64)
}

/// The civil date `days` after 1970-01-01 (H. Hinnant's algorithm).
fn from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(from_days(0), "1970-01-01");
        assert_eq!(from_days(20_513), "2026-03-01");
        assert_eq!(from_days(11_016), "2000-02-29");
        assert_eq!(today().len(), 10);
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_german("· 14. Oktober 2025").as_deref(),
            Some("2025-10-14")
        );
        assert_eq!(parse_german("1896-08-18").as_deref(), Some("1896-08-18"));
        assert_eq!(parse_german("14.10.2025").as_deref(), Some("2025-10-14"));
    }

    #[test]
    fn to_german() {
        assert_eq!(german("2025-10-14").as_deref(), Some("14. Oktober 2025"));
        assert_eq!(german("2025-13-14"), None);
    }
}
