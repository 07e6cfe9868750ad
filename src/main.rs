//! The `gloss` binary: everything lives in the library; see `gloss::cli`.

fn main() -> std::process::ExitCode {
    gloss::cli::main()
}
