# Sourced by the other scripts. Debian's em++ runs its JS parts with the system node
# and needs Debian's node modules (acorn) on NODE_PATH.
if [[ -d /usr/share/nodejs/acorn ]]; then
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
fi
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
