# One image for every part: control plane + dashboard, sidecar, gateway, demo workloads.
# Build: docker build -t shadowmesh .   Run a part: docker run shadowmesh <subcommand> …
FROM node:20-slim AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npx -y pnpm@10.34.9 install --frozen-lockfile && node scripts/build.mjs \
 && npx -y pnpm@10.34.9 --filter @shadowmesh/cli deploy --prod --legacy /app

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
COPY --from=build /src/apps/dashboard/dist /app/node_modules/@shadowmesh/dashboard/dist
# The tutorials' manifests, read by `shadowmesh demo` (one copy in the repository: tutorials/).
COPY --from=build /src/tutorials /app/tutorials
ENV SHADOWMESH_TUTORIALS=/app/tutorials
ENTRYPOINT ["node", "/app/bin/shadowmesh.mjs"]
CMD ["--help"]
