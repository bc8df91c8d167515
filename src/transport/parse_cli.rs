//! `cooldown parse`: one JSON object per input line, as the public parse
//! contract describes. Used by tests and benchmarks to measure the matcher
//! on its own.

use std::io::{BufRead, Write};

use crate::intent::{self, ParseOptions};

/// Reads lines from `input` until it ends, writing one JSON line each.
/// Invalid UTF-8 is read lossily rather than refused, so one bad byte never
/// shifts every later answer by a line.
pub fn run(
    input: impl BufRead,
    mut output: impl Write,
    opts: &ParseOptions,
) -> std::io::Result<()> {
    let mut input = input;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        let parsed = intent::parse(line, opts);
        serde_json::to_writer(&mut output, &parsed)?;
        output.write_all(b"\n")?;
        output.flush()?;
    }
    Ok(())
}
