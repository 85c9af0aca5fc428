# cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -P embed_file.cmake
# Writes a C++ source defining ger::model::detail::<SYMBOL> (the bytes of INPUT plus a terminating 0, so an
# empty input still gives a valid array) and <SYMBOL>_size (the byte count without that 0).
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
# 16 bytes per line keeps the generated file readable in a debugger.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT} by embed_file.cmake; edit the input, not this file.\n"
  "#include <cstddef>\n\n"
  "namespace ger::model::detail {\n\n"
  "extern const unsigned char ${SYMBOL}[] = {\n    ${bytes}0x00};\n"
  "extern const std::size_t ${SYMBOL}_size = ${byte_count};\n\n"
  "}  // namespace ger::model::detail\n")
