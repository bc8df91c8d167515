//! The chart drawn: plotters on an in-memory RGB bitmap, encoded as PNG.
//!
//! Layout, top to bottom: a title with the unit and a legend; the bars
//! (one per week, this week's highlighted on a band of its own, its value
//! over each bar); the sleep line on a right-hand axis in hours (only when
//! a night was logged); under each week its Monday's date ("this week" for
//! the last), then a row of circles for its long runs and a row of squares
//! for its rest days.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::font;
use super::palette::*;
use super::weeks::{amount, Weeks, WEEKS};

/// The picture's size in pixels: wide enough for eight labelled weeks,
/// small enough to be a few tens of kilobytes.
pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 450;

/// Marks of one kind shown under a week at most (a week has seven days).
const MAX_MARKS: u32 = 7;

/// The chart as a PNG file.
pub fn png(weeks: &Weeks) -> Vec<u8> {
    let mut rgb = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    if let Err(e) = draw(weeks, &mut rgb) {
        // Drawing on our own buffer fails only on a bug: show what was
        // drawn rather than nothing.
        tracing::error!(error = %e, "the weekly chart did not draw in full");
    }
    encode(&rgb)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(weeks: &Weeks, rgb: &mut [u8]) -> DrawResult {
    font::register();
    let root = BitMapBackend::with_buffer(rgb, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&BACKGROUND)?;
    let (top, body) = root.split_vertically(52);
    header(&top, weeks)?;

    let max = weeks
        .weeks
        .iter()
        .map(|w| w.distance)
        .fold(0.0_f64, f64::max);
    let y_max = nice_top(max);
    let sleep_max = weeks
        .weeks
        .iter()
        .filter_map(|w| w.sleep)
        .fold(10.0_f64, f64::max)
        .ceil();
    let sleep = weeks.has_sleep();
    let mut chart = ChartBuilder::on(&body)
        .margin_left(14)
        .margin_right(14)
        .margin_top(10)
        .margin_bottom(6)
        .x_label_area_size(78)
        .y_label_area_size(52)
        .right_y_label_area_size(if sleep { 52 } else { 14 })
        .build_cartesian_2d(0.0..WEEKS as f64, 0.0..y_max)?
        .set_secondary_coord(0.0..WEEKS as f64, 0.0..sleep_max);

    let label = (font::FAMILY, 20).into_font().color(&MUTED);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(5)
        .y_label_formatter(&|v| amount(*v))
        .y_desc(weeks.unit_name())
        .label_style(label.clone())
        .axis_desc_style(label.clone())
        .axis_style(GRID)
        .bold_line_style(GRID)
        .light_line_style(BACKGROUND)
        .draw()?;
    if sleep {
        chart
            .configure_secondary_axes()
            .y_labels(5)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .y_desc("sleep (h)")
            .label_style((font::FAMILY, 20).into_font().color(&SLEEP))
            .axis_desc_style((font::FAMILY, 20).into_font().color(&SLEEP))
            .axis_style(GRID)
            .draw()?;
    }

    // This week's band, then the bars.
    let last = (WEEKS - 1) as f64;
    chart.draw_series(std::iter::once(Rectangle::new(
        [(last, 0.0), (last + 1.0, y_max)],
        THIS_WEEK_BAND.filled(),
    )))?;
    chart.draw_series(weeks.weeks.iter().enumerate().map(|(i, w)| {
        let colour = if i == WEEKS - 1 { THIS_WEEK } else { BAR };
        let x = i as f64;
        Rectangle::new([(x + 0.2, 0.0), (x + 0.8, w.distance)], colour.filled())
    }))?;

    if sleep {
        let points: Vec<(f64, f64)> = weeks
            .weeks
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.sleep.map(|h| (i as f64 + 0.5, h)))
            .collect();
        chart.draw_secondary_series(LineSeries::new(points.clone(), SLEEP.stroke_width(3)))?;
        chart.draw_secondary_series(
            points
                .into_iter()
                .map(|p| Circle::new(p, 5, SLEEP.filled())),
        )?;
    }

    if weeks.is_empty() {
        let (x, y) = chart.backend_coord(&(WEEKS as f64 / 2.0, y_max / 2.0));
        let style = (font::FAMILY, 22)
            .into_font()
            .color(&MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center));
        root.draw(&Text::new(
            "Nothing logged in these weeks yet",
            (x, y),
            style,
        ))?;
    }

    // Values over the bars, and under each week its date and its marks.
    let value = (font::FAMILY, 20).into_font().color(&TEXT);
    for (i, w) in weeks.weeks.iter().enumerate() {
        let this = i == WEEKS - 1;
        let centre = i as f64 + 0.5;
        let (x, top) = chart.backend_coord(&(centre, w.distance));
        if w.runs > 0 {
            let style = value.pos(Pos::new(HPos::Center, VPos::Bottom));
            root.draw(&Text::new(amount(w.distance), (x, top - 4), style))?;
        }
        let (_, axis) = chart.backend_coord(&(centre, 0.0));
        let date = if this {
            if weeks.closed {
                "last week"
            } else {
                "this week"
            }
            .to_owned()
        } else {
            w.start.strftime("%-d %b").to_string()
        };
        let colour = if this { THIS_WEEK } else { MUTED };
        let style = (font::FAMILY, 20)
            .into_font()
            .color(&colour)
            .pos(Pos::new(HPos::Center, VPos::Top));
        root.draw(&Text::new(date, (x, axis + 8), style))?;
        marks(&root, x, axis + 38, w.long_runs, true)?;
        marks(&root, x, axis + 56, w.rest_days, false)?;
    }
    root.present()?;
    Ok(())
}

/// The title, the unit and the legend.
fn header(area: &DrawingArea<BitMapBackend<'_>, Shift>, weeks: &Weeks) -> DrawResult {
    let title = format!(
        "Weekly distance ({}), last {WEEKS} weeks",
        weeks.unit_name()
    );
    area.draw(&Text::new(
        title,
        (16, 10),
        (font::FAMILY, 27).into_font().color(&TEXT),
    ))?;
    let legend = (font::FAMILY, 19)
        .into_font()
        .color(&MUTED)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let mut x = 420;
    let y = 26;
    area.draw(&Circle::new((x, y), 6, LONG_RUN.filled()))?;
    area.draw(&Text::new("long run", (x + 12, y), legend.clone()))?;
    x += 112;
    area.draw(&Rectangle::new(
        [(x - 6, y - 6), (x + 6, y + 6)],
        REST.filled(),
    ))?;
    area.draw(&Text::new("rest day", (x + 12, y), legend.clone()))?;
    if weeks.has_sleep() {
        x += 112;
        area.draw(&PathElement::new(
            vec![(x - 10, y), (x + 8, y)],
            SLEEP.stroke_width(3),
        ))?;
        area.draw(&Text::new("sleep", (x + 14, y), legend))?;
    }
    Ok(())
}

/// Up to [`MAX_MARKS`] marks in a row centred on `x`: circles for long
/// runs, squares for rest days; a number after them if there are more.
fn marks(
    area: &DrawingArea<BitMapBackend<'_>, Shift>,
    x: i32,
    y: i32,
    n: u32,
    long: bool,
) -> DrawResult {
    let shown = n.min(MAX_MARKS) as i32;
    let step = 12;
    let left = x - (shown - 1) * step / 2;
    for k in 0..shown {
        let cx = left + k * step;
        if long {
            area.draw(&Circle::new((cx, y), 5, LONG_RUN.filled()))?;
        } else {
            area.draw(&Rectangle::new(
                [(cx - 4, y - 4), (cx + 4, y + 4)],
                REST.filled(),
            ))?;
        }
    }
    Ok(())
}

/// The y axis' top: a little above the longest week, on a round number;
/// 10 for an empty chart.
fn nice_top(max: f64) -> f64 {
    if max <= 0.0 {
        return 10.0;
    }
    let target = max * 1.15;
    let step = if target <= 20.0 {
        5.0
    } else if target <= 100.0 {
        10.0
    } else {
        50.0
    };
    (target / step).ceil() * step
}

/// RGB pixels as a PNG, with fast compression (a flat chart compresses
/// well anyway).
fn encode(rgb: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let written = encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(rgb).and_then(|()| w.finish()));
    if let Err(e) = written {
        // Writing to a Vec fails only on a bug.
        tracing::error!(error = %e, "the weekly chart did not encode");
    }
    out
}
