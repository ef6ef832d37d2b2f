import { startFakeGitHub } from '../test/fake-github/server.js';
const fake = await startFakeGitHub();
console.log(JSON.stringify({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token }));
process.on('SIGTERM', () => fake.close().then(() => process.exit(0)));
setInterval(() => {}, 1000);
