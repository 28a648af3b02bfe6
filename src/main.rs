fn main() -> std::process::ExitCode {
    swat::cli::main()
}
