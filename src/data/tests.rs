//! Reading, rejecting and scaling tables.

use super::*;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn err(dir: &Path, name: &str, text: &str) -> String {
    let p = write(dir, name, text);
    read_table(&p).unwrap_err().to_string()
}

#[test]
fn reads_comma_and_tab_tables() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.csv", "x1, x2 ,y\n1,2,3\n\n4,5.5,-6e-1\n");
    let t = read_table(&p).unwrap();
    assert_eq!(t.columns, vec!["x1", "x2", "y"]);
    assert_eq!(t.rows, 2);
    assert_eq!(t.values, vec![1.0, 2.0, 3.0, 4.0, 5.5, -0.6]);
    let p = write(dir.path(), "b.txt", "a\tb\n1\t2\n");
    assert_eq!(read_table(&p).unwrap().values, vec![1.0, 2.0]);
    let p = write(dir.path(), "c.tsv", "a\n1\n");
    assert_eq!(read_table(&p).unwrap().columns, vec!["a"]);
}

#[test]
fn rejections_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let e = err(d, "ragged.csv", "a,b,y\n1,2,3\n4,5\n");
    assert!(
        e.ends_with("ragged.csv:3: 2 fields, but the header has 3"),
        "{e}"
    );
    let e = err(d, "text.csv", "a,b,y\n1,2,3\n4,five,6\n");
    assert!(
        e.ends_with("text.csv:3:2: column \"b\": \"five\" is not a number; leave non-numeric columns out with --ignore b"),
        "{e}"
    );
    let e = err(d, "nan.csv", "a,y\n1,NaN\n");
    assert!(
        e.contains("nan.csv:2:2: column \"y\": \"NaN\" is not a finite number"),
        "{e}"
    );
    let e = err(d, "inf.csv", "a,y\ninf,1\n");
    assert!(
        e.contains("inf.csv:2:1:") && e.contains("not a finite number"),
        "{e}"
    );
    let e = err(d, "blank.csv", "a,y\n1,\n");
    assert!(e.contains("blank.csv:2:2: column \"y\": empty cell"), "{e}");
    let e = err(d, "empty.csv", "");
    assert!(
        e.ends_with("empty.csv: is empty (expected a header row and rows of numbers)"),
        "{e}"
    );
    let e = err(d, "header.csv", "a,y\n");
    assert!(
        e.ends_with("header.csv: has a header but no rows of numbers"),
        "{e}"
    );
    let e = err(d, "dup.csv", "a,a\n1,2\n");
    assert!(
        e.ends_with("dup.csv:1:2: the column name \"a\" appears twice"),
        "{e}"
    );
    let e = read_table(&d.join("missing.csv")).unwrap_err().to_string();
    assert!(e.contains("missing.csv"), "{e}");
}

#[test]
fn target_choice_and_its_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "t.csv", "a,y,b\n1,2,3\n4,5,6\n7,8,9\n");
    let t = read_table(&p).unwrap();
    let last = Dataset::from_table(&t, None, 7).unwrap();
    assert_eq!(
        (last.target.as_str(), last.inputs.clone()),
        ("b", vec!["a".into(), "y".into()])
    );
    assert_eq!(last.x, vec![1.0, 2.0, 4.0, 5.0, 7.0, 8.0]);
    let y = Dataset::from_table(&t, Some("y"), 7).unwrap();
    assert_eq!(y.y, vec![2.0, 5.0, 8.0]);
    assert_eq!(y.x, vec![1.0, 3.0, 4.0, 6.0, 7.0, 9.0]);
    let e = Dataset::from_table(&t, Some("z"), 7)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("--target: no column named \"z\" (columns: a, y, b)"),
        "{e}"
    );
    let e = Dataset::from_table(&t, None, 1).unwrap_err().to_string();
    assert!(
        e.contains("2 input columns, but the autoencoder accepts at most 1"),
        "{e}"
    );
    assert!(e.contains("--autoencoder"), "{e}");
    let p = write(dir.path(), "c.csv", "a,y\n1,2\n3,2\n");
    let e = Dataset::from_table(&read_table(&p).unwrap(), None, 7)
        .unwrap_err()
        .to_string();
    assert!(e.contains("the target column \"y\" is constant (2)"), "{e}");
}

#[test]
fn scaling_maps_to_unit_range_and_back() {
    let data = Dataset {
        inputs: vec!["a".into(), "b".into()],
        target: "y".into(),
        x: vec![0.0, 5.0, 10.0, 5.0, 5.0, 5.0],
        y: vec![-3.0, 1.0, 5.0],
    };
    let s = Scaling::fit(&data);
    assert_eq!(s.inputs(&data.x), vec![-1.0, -1.0, 1.0, -1.0, 0.0, -1.0]);
    assert_eq!(s.targets(&data.y), vec![-1.0, 0.0, 1.0]);
    assert_eq!(s.untarget(0.0), 1.0);
    assert_eq!(s.input.max[1], 6.0, "a constant column gets a unit range");
}

#[test]
fn validation_split_is_seeded_and_disjoint() {
    let data = Dataset {
        inputs: vec!["a".into()],
        target: "y".into(),
        x: (0..100).map(f64::from).collect(),
        y: (0..100).map(|v| f64::from(v) * 2.0).collect(),
    };
    let (t1, v1) = data.split(0.2, 5);
    let (t2, v2) = data.split(0.2, 5);
    assert_eq!((t1.rows(), v1.rows()), (80, 20));
    assert_eq!(v1, v2);
    assert_eq!(t1, t2);
    let mut all: Vec<f64> = t1.x.iter().chain(&v1.x).copied().collect();
    all.sort_by(f64::total_cmp);
    assert_eq!(all, (0..100).map(f64::from).collect::<Vec<_>>());
    assert!(v1.x.iter().zip(&v1.y).all(|(x, y)| *y == 2.0 * x));
    assert_ne!(data.split(0.2, 6).1, v1);
}

#[test]
fn folds_hold_out_every_row_once() {
    let data = Dataset {
        inputs: vec!["a".into()],
        target: "y".into(),
        x: (0..23).map(f64::from).collect(),
        y: (0..23).map(|v| f64::from(v) * 2.0).collect(),
    };
    let folds = data.folds(5, 3);
    assert_eq!(folds.len(), 5);
    assert_eq!(folds, data.folds(5, 3), "seeded");
    assert_ne!(folds[0].1, data.folds(5, 4)[0].1);
    let mut held: Vec<f64> = Vec::new();
    for (train, out) in &folds {
        assert!((4..=5).contains(&out.rows()), "{} held out", out.rows());
        assert_eq!(train.rows() + out.rows(), 23);
        assert!(out.x.iter().all(|v| !train.x.contains(v)), "disjoint");
        assert!(out.x.iter().zip(&out.y).all(|(x, y)| *y == 2.0 * x));
        held.extend(&out.x);
    }
    held.sort_by(f64::total_cmp);
    assert_eq!(held, data.x);
    assert_eq!(data.folds(50, 0).len(), 23, "at most one fold per row");
}

#[test]
fn text_columns_are_named_together_and_can_be_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = write(
        d,
        "t.csv",
        "id,x,city,y\na,1,Oslo,2\nb,2,Rome,3\nc,3,Pisa,5\n",
    );
    let e = read_table(&p).unwrap_err().to_string();
    assert!(
        e.contains("t.csv:2:1")
            && e.contains("\"city\" (line 2)")
            && e.contains("--ignore id,city"),
        "{e}"
    );
    let options = ReadOptions {
        ignore: vec!["id".into(), "city".into()],
        drop_missing: false,
    };
    let r = read_table_with(&p, &options).unwrap();
    assert_eq!(r.table.columns, vec!["x", "y"]);
    assert_eq!(r.table.values, vec![1.0, 2.0, 2.0, 3.0, 3.0, 5.0]);
    let options = ReadOptions {
        ignore: vec!["town".into()],
        drop_missing: false,
    };
    let e = read_table_with(&p, &options).unwrap_err().to_string();
    assert!(e.contains("--ignore") && e.contains("\"town\""), "{e}");
}

#[test]
fn missing_cells_are_refused_or_dropped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = write(d, "m.csv", "x,y\n1,2\n2,\n3,NA\n4,?\n5,NaN\n6,7\n");
    let e = read_table(&p).unwrap_err().to_string();
    assert!(
        e.contains("m.csv:3:2") && e.contains("--drop-missing"),
        "{e}"
    );
    let q = write(d, "n.csv", "x,y\n1,2\n3,NA\n");
    let e = read_table(&q).unwrap_err().to_string();
    assert!(e.contains("n.csv:3:2") && e.contains("missing"), "{e}");
    let options = ReadOptions {
        ignore: Vec::new(),
        drop_missing: true,
    };
    let r = read_table_with(&p, &options).unwrap();
    assert_eq!(r.dropped_rows, 4);
    assert_eq!(r.table.values, vec![1.0, 2.0, 6.0, 7.0]);
    let all = write(d, "a.csv", "x,y\n1,\n,2\n");
    let e = read_table_with(&all, &options).unwrap_err().to_string();
    assert!(e.contains("every one of its 2 rows"), "{e}");
}

#[test]
fn with_inputs_keeps_the_chosen_columns_of_every_row() {
    let d = Dataset {
        inputs: vec!["a".into(), "b".into(), "c".into()],
        target: "y".into(),
        x: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        y: vec![7.0, 8.0],
    };
    let n = d.with_inputs(&[2, 0]);
    assert_eq!(n.inputs, ["c", "a"]);
    assert_eq!(n.x, [3.0, 1.0, 6.0, 4.0]);
    assert_eq!(n.y, d.y);
}
