//! The paper's surface picture: a function of two inputs, the others held fixed, drawn in 3-D,
//! the truth beside the model. In: the truth (data rows near the slice, or a function) and the
//! model as functions of the two inputs; out: a PNG written atomically.

use super::error::ReportError;
use super::plot::{png_atomic, Area};
use plotters::prelude::*;
use std::ops::Range;
use std::path::Path;

/// What the left panel shows.
pub enum Truth<'a> {
    /// Observed rows on (or near) the slice: (input a, input b, target).
    Points(Vec<[f64; 3]>),
    /// A known function, such as the teacher network that made the data.
    Function(&'a dyn Fn(f64, f64) -> f64),
}

/// Labels and ranges of a surface picture.
pub struct Surface<'a> {
    pub title: &'a str,
    /// Says how the other inputs are held, shown under the title.
    pub slice: &'a str,
    pub a_label: &'a str,
    pub b_label: &'a str,
    pub a: Range<f64>,
    pub b: Range<f64>,
}

/// Grid lines per axis of a drawn surface.
const GRID: usize = 30;

fn grid(r: &Range<f64>) -> Vec<f64> {
    (0..GRID)
        .map(|k| r.start + (r.end - r.start) * k as f64 / (GRID - 1) as f64)
        .collect()
}

/// Draws truth and model side by side, on the same vertical scale, into a 1200×560 PNG.
pub fn surface_pair(
    path: &Path,
    s: &Surface,
    truth: &Truth,
    model: &dyn Fn(f64, f64) -> f64,
) -> Result<(), ReportError> {
    let (ga, gb) = (grid(&s.a), grid(&s.b));
    let mut values: Vec<f64> = ga
        .iter()
        .flat_map(|&a| gb.iter().map(move |&b| (a, b)))
        .map(|(a, b)| model(a, b))
        .collect();
    match truth {
        Truth::Points(p) => values.extend(p.iter().map(|q| q[2])),
        Truth::Function(f) => values.extend(
            ga.iter()
                .flat_map(|&a| gb.iter().map(move |&b| (a, b)))
                .map(|(a, b)| f(a, b)),
        ),
    }
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(*v), h.max(*v)));
    let (lo, hi) = if lo > hi {
        (0.0, 1.0)
    } else if hi - lo < 1e-12 {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    };
    png_atomic(path, (1200, 560), |root| {
        let root = root.titled(s.title, ("sans-serif", 22))?;
        let (root, footer) = root.split_vertically(520);
        footer.draw_text(
            s.slice,
            &("sans-serif", 14).into_text_style(&footer),
            (20, 5),
        )?;
        let (left, right) = root.split_horizontally(600);
        let truth_name = match truth {
            Truth::Points(_) => "data",
            Truth::Function(_) => "truth",
        };
        panel(&left, truth_name, s, lo..hi, |chart| match truth {
            Truth::Points(p) => {
                chart.draw_series(p.iter().filter(|q| q[2].is_finite()).map(|q| {
                    Circle::new((q[0], q[2], q[1]), 2, RGBColor(31, 119, 180).filled())
                }))?;
                Ok(())
            }
            Truth::Function(f) => {
                chart.draw_series(
                    SurfaceSeries::xoz(ga.iter().copied(), gb.iter().copied(), f)
                        .style(RGBColor(31, 119, 180).mix(0.5).filled()),
                )?;
                Ok(())
            }
        })?;
        panel(&right, "model", s, lo..hi, |chart| {
            chart.draw_series(
                SurfaceSeries::xoz(ga.iter().copied(), gb.iter().copied(), model)
                    .style(RGBColor(255, 127, 14).mix(0.5).filled()),
            )?;
            Ok(())
        })
    })
}

type Chart3d<'a, 'b> = ChartContext<
    'a,
    BitMapBackend<'b>,
    plotters::coord::ranged3d::Cartesian3d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// One 3-D panel: input a across, the output up, input b in depth.
fn panel(
    area: &Area,
    name: &str,
    s: &Surface,
    out: Range<f64>,
    draw: impl FnOnce(&mut Chart3d) -> Result<(), Box<dyn std::error::Error>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut chart = ChartBuilder::on(area)
        .caption(name, ("sans-serif", 18))
        .margin(10)
        .build_cartesian_3d(s.a.clone(), out, s.b.clone())?;
    chart.with_projection(|mut p| {
        p.pitch = 0.5;
        p.yaw = 0.6;
        p.scale = 0.8;
        p.into_matrix()
    });
    chart
        .configure_axes()
        .label_style(("sans-serif", 12))
        .max_light_lines(3)
        .draw()?;
    draw(&mut chart)?;
    let style = ("sans-serif", 14).into_text_style(area);
    area.draw_text(
        &format!("across: {}   depth: {}", s.a_label, s.b_label),
        &style,
        (10, area.dim_in_pixel().1 as i32 - 20),
    )?;
    Ok(())
}
