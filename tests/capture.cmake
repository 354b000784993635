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

# libFuzzer: the whole capture path (libpcap's reader, then link layers, TCP, TLS, events), the
# tracer's sources built again with coverage around the uninstrumented libpcap and Mbed TLS.
if(TLSTRACE_FUZZ)
  get_target_property(TT_CAP_LIB_SOURCES tlstrace_lib SOURCES)
  get_target_property(TT_CAP_SOURCES tlstrace_capture SOURCES)
  set(TT_PCAP_FUZZ_SOURCES ${TT_CAP_LIB_SOURCES} ${TT_CAP_SOURCES})
  list(TRANSFORM TT_PCAP_FUZZ_SOURCES PREPEND ${PROJECT_SOURCE_DIR}/ REGEX "^tracer/")
  add_executable(fuzz_pcap fuzz/fuzz_pcap.c ${TT_PCAP_FUZZ_SOURCES})
  target_include_directories(fuzz_pcap PRIVATE ${PROJECT_SOURCE_DIR}/tracer/lib
    ${PROJECT_SOURCE_DIR}/tracer/capture)
  target_compile_definitions(fuzz_pcap PRIVATE TLSTRACE_VERSION="${PROJECT_VERSION}")
  target_compile_options(fuzz_pcap PRIVATE -fsanitize=fuzzer)
  target_link_options(fuzz_pcap PRIVATE -fsanitize=fuzzer)
  target_link_libraries(fuzz_pcap PRIVATE MbedTLS::mbedtls_static MbedTLS::mbedx509_static
    MbedTLS::mbedcrypto_static cjson PkgConfig::LWS PkgConfig::PCAP Threads::Threads)
  tlstrace_private_mbedtls(fuzz_pcap)
  add_test(NAME fuzz_pcap_short_run
    COMMAND sh -c "rm -rf '${PROJECT_BINARY_DIR}/fuzz-pcap-new' && mkdir -p '${PROJECT_BINARY_DIR}/fuzz-pcap-new' && '$<TARGET_FILE:fuzz_pcap>' -max_total_time=${TLSTRACE_FUZZ_SECONDS} -max_len=16384 -print_final_stats=1 '${PROJECT_BINARY_DIR}/fuzz-pcap-new' '${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/pcap'")
endif()

# The hostile-peer fuzzer compiles the command's sources itself; --pcap in them needs the writer.
if(TARGET fuzz_peer)
  target_link_libraries(fuzz_peer PRIVATE tlstrace_capture)
endif()

# tlstrace capture against real peers captured by tshark on loopback (root), the link layers,
# live capture, the --pcap round trip of every demo scenario, and bad input.
if(NODE_EXECUTABLE)
  add_test(NAME capture_peers COMMAND ${NODE_EXECUTABLE} --test ${PROJECT_SOURCE_DIR}/tests/node/capture.test.mjs)
  set_tests_properties(capture_peers PROPERTIES ENVIRONMENT "TLSTRACE_BIN=$<TARGET_FILE:tlstrace>" TIMEOUT 300)
endif()

# Link layers, key logs, the pcapng writer and secrets scanner, the observer on written captures.
tlstrace_test(test_capture unit/test_capture.c)

# Captures in the page: a .pcapng converted by tlstrace ui (POST /capture) and drawn in Chromium,
# and what a page served without it says.
if(NODE_EXECUTABLE)
  add_test(NAME capture_browser COMMAND ${NODE_EXECUTABLE} --test ${PROJECT_SOURCE_DIR}/tests/node/browser-capture.test.mjs)
  set_tests_properties(capture_browser PROPERTIES TIMEOUT 300
    ENVIRONMENT "TLSTRACE_BIN=$<TARGET_FILE:tlstrace>;TT_ARTIFACTS=${PROJECT_BINARY_DIR}/artifacts")
endif()
