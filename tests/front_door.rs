//! The library's front door: settings checked once and refused by name, a fit of plain arrays
//! with validation and test tables, what the fitted model carries, and a stop request.

use swat::estimator::{Naming, Silent};
use swat::search::FitError;
use swat::{Dataset, Model, Swat, SwatError, Tables};

/// y = sin(2·a) + 0.5·b on a seeded grid-like spread of `n` rows.
fn table(n: usize, seed: u64) -> Dataset {
    let x = swat::teacher::uniform_points(&mut swat::teacher::rng(seed), n, 2);
    let y = x
        .chunks(2)
        .map(|r| (2.0 * r[0]).sin() + 0.5 * r[1])
        .collect();
    Dataset::from_arrays("t", vec!["a".into(), "b".into()], "y".into(), x, y).unwrap()
}

/// Short searches: the linear model and one hidden layer.
fn quick() -> swat::SwatParams {
    Swat::params()
        .depths(vec![0, 1])
        .iterations(40)
        .restarts(1)
        .random_starts(1)
        .folds(1)
}

#[test]
fn settings_are_checked_once_and_refused_by_name() {
    let e = Swat::params().valid_fraction(1.5).check().unwrap_err();
    assert_eq!(e.names, ["valid_fraction"]);
    assert_eq!(e.flags(), "--valid-fraction");
    assert!(e.to_string().starts_with("valid_fraction: 1.5"), "{e}");
    let e = Swat::params()
        .restarts(0)
        .random_starts(0)
        .check()
        .unwrap_err();
    assert_eq!(e.flags(), "--restarts and --random-starts");
    assert!(Swat::params().r2_slack(f64::NAN).check().is_err());
    assert!(Swat::params().depths(vec![]).check().is_err());
    // The defaults are valid, and resolve the method's own defaults.
    let swat = Swat::params().check().unwrap();
    assert_eq!(swat.config().depths, [0, 1, 2, 3, 4]);
}

#[test]
fn fits_arrays_with_validation_and_test_tables() {
    let (train, valid, test) = (table(300, 1), table(80, 2), table(80, 3));
    let swat = quick().seed(4).check().unwrap();
    let loaded = swat.autoencoders().unwrap();
    let tables = Tables {
        train: &train,
        train_name: "train",
        valid: Some((&valid, "valid")),
        test: Some((&test, "test")),
        naming: Naming::Params,
    };
    let fitted = swat.fit_with(&loaded, &tables, &Silent).unwrap();
    assert_eq!(fitted.folds, 1);
    assert_eq!(fitted.valid_rows, 80);
    let result = fitted.result();
    assert_eq!(
        result.depths.iter().map(|d| d.depth).collect::<Vec<_>>(),
        [0, 1]
    );
    let chosen = fitted.chosen();
    assert_eq!(chosen.depth, fitted.model.network.depth());
    assert!(chosen.test.is_some(), "test rows are scored");
    assert!(chosen.valid.r2 > 0.9, "{:?}", chosen.valid);
    // In the user's units, and the same after a round trip through model.json.
    let p = fitted.predict(&test.x).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.json");
    fitted.save(&path).unwrap();
    assert_eq!(Model::load(&path).unwrap().predict(&test.x).unwrap(), p);
    assert_eq!(fitted.provenance()["seed"], 4);
    assert!(!fitted.to_onnx().is_empty());
}

#[test]
fn tables_must_have_the_training_columns() {
    let train = table(100, 1);
    let mut other = table(40, 2);
    other.inputs = vec!["a".into(), "c".into()];
    let swat = quick().check().unwrap();
    let tables = Tables {
        valid: Some((&other, "other.csv")),
        ..Tables::train(&train, "train.csv")
    };
    match swat.fit_with(&swat.autoencoders().unwrap(), &tables, &Silent) {
        Err(SwatError::Columns { table, .. }) => assert_eq!(table, "other.csv"),
        other => panic!("expected a columns error, got {:?}", other.map(|f| f.model)),
    }
}

#[test]
fn a_stopped_fit_returns_no_model() {
    let swat = Swat::params().depths(vec![1, 2]).check().unwrap();
    swat.stop_handle().request();
    match swat.fit(&table(300, 5)) {
        Err(SwatError::Fit(FitError::Stopped)) => {}
        other => panic!("expected a stopped fit, got {:?}", other.map(|f| f.model)),
    }
    // A fresh check makes a fresh handle: the next fit runs.
    let again = quick().check().unwrap();
    assert!(again.fit(&table(100, 5)).is_ok());
}

#[test]
fn wide_data_with_more_inputs_that_matter_than_a_canvas_takes_keeps_them_all() {
    // y = Σ k·x_k over 9 of 10 inputs (x10 unused), plus a little noise: no canvas takes 10
    // inputs and the screen gives one 7, but the 9 that matter compete without a canvas
    // (random starts alone, and the linear model on every input), and the answer uses them.
    let (d, n) = (10, 300);
    let x = swat::teacher::uniform_points(&mut swat::teacher::rng(21), n, d);
    let noise = swat::teacher::uniform_points(&mut swat::teacher::rng(22), n, 1);
    let y: Vec<f64> = x
        .chunks(d)
        .zip(&noise)
        .map(|(r, e)| (0..9).map(|k| (k + 1) as f64 * r[k]).sum::<f64>() + 0.01 * e)
        .collect();
    let names: Vec<String> = (1..=d).map(|i| format!("x{i}")).collect();
    let data = Dataset::from_arrays("wide", names, "y".into(), x, y).unwrap();
    let fitted = quick().seed(3).check().unwrap().fit(&data).unwrap();
    let screened = fitted
        .screened
        .as_ref()
        .expect("a 10-input table is screened");
    assert!(screened.kept.len() <= 7, "{:?}", screened.kept);
    assert!(screened.important.len() >= 9, "{:?}", screened.important);
    // The canvas's fit, random starts on the important inputs, the linear model on all.
    let tried: Vec<&str> = fitted
        .attempts
        .iter()
        .map(|a| a.autoencoder.as_str())
        .collect();
    assert!(tried.contains(&swat::search::RANDOM_ONLY), "{tried:?}");
    assert!(
        tried.contains(&swat::estimator::LINEAR_ON_EVERY_INPUT),
        "{tried:?}"
    );
    assert_ne!(
        fitted.attempts[fitted.best].autoencoder, tried[0],
        "{tried:?}"
    );
    let used = fitted.model.network.used_inputs();
    assert!(used[..9].iter().all(|u| *u), "{used:?}");
    assert!(screened.answer_inputs.len() >= 9);
    let answer = &fitted.model.provenance["screened_inputs"]["answer_inputs"];
    assert_eq!(
        answer.as_array().unwrap().len(),
        screened.answer_inputs.len()
    );
    assert!(
        fitted.chosen().valid.r2 > 0.999,
        "{}",
        fitted.chosen().valid.r2
    );
}
