//! Where swat's answer on each task came from (a decoded start, a random start or the linear
//! model), read off the ablation rows a bench run writes beside swat's: the measure of whether
//! the autoencoder earns its keep. In: result rows; out: a Markdown section.

use super::sweep::in_sweep;
use crate::bench::Row;
use std::fmt::Write as _;

/// The kind of start swat's chosen network grew from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Decoded,
    Random,
    /// Equal to both ablations' answers (the two kinds of start ended in the same network).
    Both,
    /// Depth 0: least squares, no start at all.
    Linear,
    /// Matches neither ablation (a run without ablation rows, or rows from different builds).
    Unknown,
}

impl Origin {
    const ALL: [Origin; 5] = [
        Origin::Decoded,
        Origin::Random,
        Origin::Both,
        Origin::Linear,
        Origin::Unknown,
    ];

    fn label(self) -> &'static str {
        match self {
            Origin::Decoded => "a decoded start",
            Origin::Random => "a random start",
            Origin::Both => "both (the same network)",
            Origin::Linear => "the linear model (depth 0)",
            Origin::Unknown => "no ablation row matches",
        }
    }
}

/// Same network: same depth, size and test error (the ablation rows copy swat's own).
fn same(a: &Row, b: &Row) -> bool {
    a.depth == b.depth
        && a.nonzero_params == b.nonzero_params
        && a.test_mse_scaled.to_bits() == b.test_mse_scaled.to_bits()
}

/// The row `method` chose as its answer on task `index`.
pub(super) fn chosen<'a>(rows: &'a [Row], index: usize, method: &str) -> Option<&'a Row> {
    rows.iter()
        .find(|r| r.index == index && r.method == method && r.chosen)
}

/// Per task with an answer from swat (sweep points left out): the task's name and its origin.
pub fn origins(rows: &[Row]) -> Vec<(&str, Origin)> {
    rows.iter()
        .filter(|r| r.method == "swat" && r.chosen && !in_sweep(r))
        .map(|r| {
            // The ablation's network at the answer's depth, chosen by the ablation or not: its
            // own choice across depths can differ from swat's.
            let matches = |m: &str| {
                rows.iter()
                    .any(|a| a.index == r.index && a.method == m && same(r, a))
            };
            let origin = match (
                r.depth == 0,
                matches("swat-decoded-only"),
                matches("swat-random-only"),
            ) {
                (true, _, _) => Origin::Linear,
                (_, true, true) => Origin::Both,
                (_, true, false) => Origin::Decoded,
                (_, false, true) => Origin::Random,
                _ => Origin::Unknown,
            };
            (r.task.as_str(), origin)
        })
        .collect()
}

/// The two ablations task by task: how often the decoded starts' answer is smaller or more
/// accurate than the random starts' (medians of each can hide that either way).
fn paired_line(s: &mut String, rows: &[Row]) {
    let pairs: Vec<(&Row, &Row)> = rows
        .iter()
        .filter(|r| r.method == "swat-decoded-only" && r.chosen && !in_sweep(r))
        .filter_map(|d| Some((d, chosen(rows, d.index, "swat-random-only")?)))
        .collect();
    if pairs.is_empty() {
        return;
    }
    let count = |f: &dyn Fn(&Row, &Row) -> bool| pairs.iter().filter(|(d, r)| f(d, r)).count();
    let _ = writeln!(
        s,
        "Task by task, `swat-decoded-only` against `swat-random-only` ({} tasks): fewer \
         non-zero parameters on {}, more on {}; lower test MSE on {}, higher on {}.\n",
        pairs.len(),
        count(&|d, r| d.nonzero_params < r.nonzero_params),
        count(&|d, r| d.nonzero_params > r.nonzero_params),
        count(&|d, r| d.test_mse_scaled < r.test_mse_scaled),
        count(&|d, r| d.test_mse_scaled > r.test_mse_scaled),
    );
}

/// The section: counts over all tasks, and per teacher activation where task names carry one.
pub fn origin_section(s: &mut String, rows: &[Row]) {
    let all = origins(rows);
    if all.is_empty() {
        return;
    }
    s.push_str(
        "## Where swat's answer came from\n\nA task's answer is a decoded start's when swat's \
         chosen network equals `swat-decoded-only`'s network at the same depth (non-zero \
         parameters, test MSE), a random start's when it equals `swat-random-only`'s.\n\n| from | tasks | share |\n| --- \
         | --- | --- |\n",
    );
    for o in Origin::ALL {
        let k = all.iter().filter(|(_, x)| *x == o).count();
        if k > 0 || o != Origin::Unknown {
            let _ = writeln!(
                s,
                "| {} | {k} | {:.0}% |",
                o.label(),
                100.0 * k as f64 / all.len() as f64
            );
        }
    }
    s.push('\n');
    paired_line(s, rows);
    // Only the paper suite names its tasks by teacher activation (`sigmoid-d1-s0.5`).
    if rows.first().is_none_or(|r| r.suite != "paper") {
        return;
    }
    let groups = |name: &str| name.split('-').next().unwrap_or(name).to_string();
    let mut kinds: Vec<String> = Vec::new();
    for (t, _) in &all {
        if !kinds.contains(&groups(t)) {
            kinds.push(groups(t));
        }
    }
    s.push_str("By teacher activation:\n\n| teacher | decoded | random | both | linear model |\n| --- | --- | --- | --- | --- |\n");
    for kind in kinds {
        let of = |o: Origin| {
            all.iter()
                .filter(|(t, x)| groups(t) == kind && *x == o)
                .count()
        };
        let _ = writeln!(
            s,
            "| {kind} | {} | {} | {} | {} |",
            of(Origin::Decoded),
            of(Origin::Random),
            of(Origin::Both),
            of(Origin::Linear)
        );
    }
    s.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: usize, task: &str, method: &str, depth: usize, params: usize, mse: f64) -> Row {
        Row {
            suite: "paper".into(),
            index,
            task: task.into(),
            method: method.into(),
            depth,
            chosen: true,
            nonzero_weights: params,
            nonzero_params: params,
            active_neurons: 1,
            teacher_nonzero_weights: None,
            test_mse_scaled: mse,
            valid_mse_scaled: mse,
            test_r2: 0.99,
            test_mpe_percent: 1.0,
            seconds: None,
            note: String::new(),
        }
    }

    /// swat's answer and the two ablations' answers for one task.
    fn task(
        i: usize,
        name: &str,
        swat: (usize, usize, f64),
        dec: (usize, usize, f64),
        rnd: (usize, usize, f64),
    ) -> Vec<Row> {
        vec![
            row(i, name, "swat", swat.0, swat.1, swat.2),
            row(i, name, "swat-decoded-only", dec.0, dec.1, dec.2),
            row(i, name, "swat-random-only", rnd.0, rnd.1, rnd.2),
        ]
    }

    #[test]
    fn each_answer_is_traced_to_the_ablation_it_equals() {
        // (task, swat's answer, decoded-only's, random-only's) as (depth, params, test MSE).
        let cases = [
            ("sigmoid-d1-s0.5", (1, 8, 1e-5), (1, 8, 1e-5), (2, 12, 2e-5)),
            ("sigmoid-d2-s0.5", (2, 9, 3e-6), (2, 9, 4e-6), (2, 9, 3e-6)),
            (
                "leaky_relu-d1-s0.5",
                (1, 6, 1e-9),
                (1, 6, 1e-9),
                (1, 6, 1e-9),
            ),
            ("linear-d1-s0.5", (0, 4, 1e-12), (1, 6, 1e-7), (1, 5, 1e-8)),
            ("linear-d2-s0.5", (1, 5, 1e-8), (1, 6, 1e-7), (2, 5, 1e-8)),
        ];
        let rows: Vec<Row> = cases
            .iter()
            .enumerate()
            .flat_map(|(i, &(name, swat, dec, rnd))| task(i, name, swat, dec, rnd))
            .collect();
        let got: Vec<Origin> = origins(&rows).into_iter().map(|(_, o)| o).collect();
        assert_eq!(
            got,
            [
                Origin::Decoded,
                Origin::Random,
                Origin::Both,
                Origin::Linear,
                Origin::Unknown
            ]
        );
        let mut s = String::new();
        origin_section(&mut s, &rows);
        assert!(s.contains("| a decoded start | 1 | 20% |"), "{s}");
        assert!(s.contains("| no ablation row matches | 1 | 20% |"), "{s}");
        assert!(s.contains("| sigmoid | 1 | 1 | 0 | 0 |"), "{s}");
        assert!(s.contains("| linear | 0 | 0 | 0 | 1 |"), "{s}");
        assert!(
            s.contains(
                "(5 tasks): fewer non-zero parameters on 1, more on 2; lower test MSE on 1, \
                 higher on 3."
            ),
            "{s}"
        );
    }

    #[test]
    fn an_ablation_that_chose_another_depth_still_names_the_answers_start() {
        let mut rows = task(
            0,
            "Ackley N.4",
            (1, 12, 4e-3),
            (4, 24, 3.9e-3),
            (1, 13, 4e-3),
        );
        let mut other = row(0, "Ackley N.4", "swat-decoded-only", 1, 12, 4e-3);
        other.chosen = false;
        rows.push(other);
        assert_eq!(origins(&rows), [("Ackley N.4", Origin::Decoded)]);
    }

    #[test]
    fn sweep_points_and_other_methods_are_not_tasks() {
        let mut rows = task(0, "sweep-x1", (1, 8, 1e-5), (1, 8, 1e-5), (1, 8, 1e-5));
        rows.push(row(1, "sigmoid-d1-s0.5", "dense-1x10", 1, 41, 1e-4));
        assert!(origins(&rows).is_empty());
        let mut s = String::new();
        origin_section(&mut s, &rows);
        assert!(s.is_empty());
    }
}
