// libtorch uses every core for each op; tests running side by side would only slow each other down and make
// the timing-sensitive training tests flaky on a 2-core CI machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
