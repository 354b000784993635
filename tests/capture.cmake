# The tests of `tlstrace capture` and `--pcap` (included by tests/CMakeLists.txt).

# The TCP reassembler, pure: every case a capture meets.
tlstrace_test(test_tcp unit/test_tcp.c)
target_link_libraries(test_tcp PRIVATE tlstrace_capture)

# libFuzzer: the reassembler alone (an oracle checks every byte it delivers).
if(TLSTRACE_FUZZ)
  add_executable(fuzz_tcp fuzz/fuzz_tcp.c ${PROJECT_SOURCE_DIR}/tracer/capture/tt_tcp.c)
  target_include_directories(fuzz_tcp PRIVATE ${PROJECT_SOURCE_DIR}/tracer/capture)
  target_compile_options(fuzz_tcp PRIVATE -fsanitize=fuzzer)
  target_link_options(fuzz_tcp PRIVATE -fsanitize=fuzzer)
  add_test(NAME fuzz_tcp_short_run
    COMMAND sh -c "rm -rf '${PROJECT_BINARY_DIR}/fuzz-tcp-new' && mkdir -p '${PROJECT_BINARY_DIR}/fuzz-tcp-new' && '$<TARGET_FILE:fuzz_tcp>' -max_total_time=${TLSTRACE_FUZZ_SECONDS} -max_len=4096 -print_final_stats=1 '${PROJECT_BINARY_DIR}/fuzz-tcp-new' '${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/tcp'")
endif()
