#[global_allocator]
static ALLOCATOR: swat::allocator::MiMalloc = swat::allocator::MiMalloc;

fn main() -> std::process::ExitCode {
    swat::allocator::keep_freed_memory();
    swat::cli::main()
}
