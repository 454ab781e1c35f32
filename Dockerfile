# The course worker, built once and run without TypeScript tooling:
#   docker build -t kccp-worker .   (or `docker compose -f temporal-compose.yml up`, which builds it)
# test/build/production-worker.test.ts runs these steps as shell steps, since Docker does not run on the build machines.

# Build: all dependencies, tsc to dist/, and the workflow bundle prebuilt once (dist/workflow-bundle.js).
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY domain domain
COPY workflows workflows
COPY activities activities
COPY worker worker
COPY client client
COPY security security
COPY platform platform
COPY tooling tooling
COPY scripts/build-workflow-bundle.ts scripts/build-workflow-bundle.ts
COPY data data
RUN npm run build
# What the runtime keeps: production dependencies only.
RUN npm prune --omit=dev --no-audit --no-fund

# Runtime: compiled code, the prebuilt bundle and production node_modules, run by a non-root user.
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    KCCP_DEV_SERVER=off \
    HEALTH_PORT=9464 \
    LOG_FORMAT=json \
    MAIL_OUTBOX_DIR=/app/var/outbox \
    KCCP_REPORTS_DIR=/app/var/reports
WORKDIR /app
COPY --from=build /app/package.json package.json
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The image's own `node` user (uid 1000) owns only what the worker writes: outbox and reports.
RUN mkdir -p var/outbox var/reports && chown -R node:node var
USER node
EXPOSE 9464
# /healthz answers on loopback inside the container: 200 while the worker polls, 503 while it starts or drains.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "require('http').get('http://127.0.0.1:'+(process.env.HEALTH_PORT||9464)+'/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"]
# exec: node becomes PID 1 and gets SIGTERM itself, so `docker stop` drains the worker.
CMD ["sh", "-c", "exec node --max-old-space-size=${KCCP_WORKER_HEAP_MB:-640} dist/worker/main.js"]
