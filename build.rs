//! Records the git revision for `cooldown --version`, and embeds the
//! shipped catalogue: every `responses/*.toml` becomes a
//! `(name, text)` pair in the binary, so `cooldown` answers from any working
//! directory. New files under `responses/` are picked up without touching
//! this script (cargo reruns it when anything in the directory changes).

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    git_revision();
    embed_responses();
}

/// `COOLDOWN_GIT_REV` for `--version`: the environment's value (a container
/// build has no `.git`), else `git rev-parse`, else "unknown".
fn git_revision() {
    println!("cargo:rerun-if-env-changed=COOLDOWN_GIT_REV");
    let from_env = std::env::var("COOLDOWN_GIT_REV")
        .ok()
        .filter(|r| !r.trim().is_empty());
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_owned())
    };
    if from_env.is_none() {
        // Rebuild the revision when HEAD moves (a commit, a checkout).
        if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
            println!("cargo:rerun-if-changed={dir}/HEAD");
            println!("cargo:rerun-if-changed={dir}/logs/HEAD");
        }
    }
    let rev = from_env
        .or_else(|| git(&["rev-parse", "--short=10", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=COOLDOWN_GIT_REV={rev}");
}

fn embed_responses() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dir = manifest.join("responses");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("responses/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut code = String::from("&[\n");
    for path in &files {
        let name = path.file_name().expect("a file name").to_string_lossy();
        // include_str! makes cargo track each file as well.
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String");
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("builtin_responses.rs"), code).expect("OUT_DIR is writable");
}
