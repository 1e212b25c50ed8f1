//! The `backchannel` binary: parses the command line and hands over to `backchannel::cli`.

fn main() -> std::process::ExitCode {
    backchannel::cli::main()
}
