# SPDX-License-Identifier: GPL-2.0-only
# timer-emu in a container, for batch engines (docs/scale-out.md):
#   docker build -t timer-emu .
#   docker run --rm timer-emu run hpet-basic --json
FROM node:20-bookworm-slim AS build
WORKDIR /opt/timer-emu
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json rolldown.config.ts ./
COPY emu ./emu
COPY devices ./devices
COPY interpolator ./interpolator
# the build compiles test/bench, test/browser and test/docs, which use helpers from the rest of test/
COPY test ./test
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /opt/timer-emu
COPY --from=build /opt/timer-emu/package.json ./
COPY --from=build /opt/timer-emu/node_modules ./node_modules
COPY --from=build /opt/timer-emu/dist ./dist
COPY scenarios ./scenarios
COPY LICENSE README.md ./
RUN ln -s /opt/timer-emu/dist/cli/timer-emu.js /usr/local/bin/timer-emu
WORKDIR /work
USER node
ENTRYPOINT ["timer-emu"]
CMD ["--help"]
