//! Line charts as PNG files, labelled with a small embedded font so no system fonts are needed.
//! In: named series of (x, y) points; out: a PNG written atomically.

use super::error::ReportError;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::path::Path;
use std::sync::Once;

static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-subset.ttf");
static REGISTER: Once = Once::new();

fn register_font() {
    REGISTER.call_once(|| {
        // The font is compiled in and known to parse; a failure would show as missing labels.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// One line (or cloud of dots) of a chart.
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    /// Draw dots instead of a line.
    pub dots: bool,
}

impl Series {
    pub fn line(name: &str, points: Vec<(f64, f64)>) -> Series {
        Series {
            name: name.to_string(),
            points,
            dots: false,
        }
    }
    pub fn dots(name: &str, points: Vec<(f64, f64)>) -> Series {
        Series {
            name: name.to_string(),
            points,
            dots: true,
        }
    }
}

/// A chart's labels and scale.
pub struct Chart<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    /// Plot log10(y) (values ≤ 0 are dropped).
    pub log_y: bool,
}

const COLOURS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// Draws `series` into a 900×540 PNG at `path` (atomically, see `png_atomic`).
pub fn line_chart(path: &Path, chart: &Chart, series: &[Series]) -> Result<(), ReportError> {
    let map = |y: f64| if chart.log_y { y.log10() } else { y };
    let pts: Vec<Vec<(f64, f64)>> = series
        .iter()
        .map(|s| {
            s.points
                .iter()
                .filter(|(x, y)| x.is_finite() && y.is_finite() && (!chart.log_y || *y > 0.0))
                .map(|&(x, y)| (x, map(y)))
                .collect()
        })
        .collect();
    let all = pts.iter().flatten();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in all {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if x0 > x1 {
        (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
    }
    if x1 - x0 < 1e-12 {
        x1 = x0 + 1.0;
    }
    let pad = ((y1 - y0) * 0.05).max(1e-9);
    png_atomic(path, (900, 540), |root| {
        let y_desc = if chart.log_y {
            format!("log10 {}", chart.y_label)
        } else {
            chart.y_label.to_string()
        };
        let mut ctx = ChartBuilder::on(root)
            .caption(chart.title, ("sans-serif", 22))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(x0..x1, (y0 - pad)..(y1 + pad))?;
        ctx.configure_mesh()
            .x_desc(chart.x_label)
            .y_desc(y_desc)
            .label_style(("sans-serif", 14))
            .draw()?;
        for (k, (s, p)) in series.iter().zip(&pts).enumerate() {
            let c = COLOURS[k % COLOURS.len()];
            let drawn = if s.dots {
                ctx.draw_series(p.iter().map(|&xy| Circle::new(xy, 2, c.mix(0.5).filled())))?
            } else {
                ctx.draw_series(LineSeries::new(p.iter().copied(), c.stroke_width(2)))?
            };
            drawn.label(s.name.clone()).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(2))
            });
        }
        if series.len() > 1 {
            ctx.configure_series_labels()
                .background_style(WHITE.mix(0.8))
                .border_style(BLACK)
                .label_font(("sans-serif", 14))
                .draw()?;
        }
        Ok(())
    })
}

/// A drawing area on a PNG bitmap.
pub type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

/// Renders `draw` on a white `size` bitmap into a temporary file beside `path`, then renames
/// it, so a reader never sees a partial image.
pub fn png_atomic(
    path: &Path,
    size: (u32, u32),
    draw: impl FnOnce(&Area) -> Result<(), Box<dyn std::error::Error>>,
) -> Result<(), ReportError> {
    register_font();
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plot.png".into());
    let tmp = path.with_file_name(format!(".{file}.tmp.png"));
    let result = (|| -> Result<(), Box<dyn std::error::Error>> {
        // Drawn into memory and encoded with `png` (plotters' own encoder would build the whole
        // `image` crate, a tenth of swat's build time, for this one call).
        let mut rgb = vec![0u8; size.0 as usize * size.1 as usize * 3];
        {
            let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
            root.fill(&WHITE)?;
            draw(&root)?;
            root.present()?;
        }
        let out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let mut encoder = png::Encoder::new(out, size.0, size.1);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&rgb)?;
        writer.finish()?;
        Ok(())
    })()
    .map_err(|e| ReportError::Draw {
        path: path.to_path_buf(),
        message: e.to_string(),
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    std::fs::rename(&tmp, path).map_err(ReportError::io(path))
}
