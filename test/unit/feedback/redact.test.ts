import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redact, redactDraft, type FeedbackDraft } from '../../../src/core/feedback';

// Samples are assembled at run time so that secret scanners do not flag this file.
const j = (...parts: string[]): string => parts.join('');
const GH_CLASSIC = j('ghp', '_', 'R7vKq2Lm9XwP4sTz8YbN3cJd6FhG1aUe5QoI');
const GH_FINE = j('github', '_pat_', '11ABCDEFG0', 'abcdefghijkl_', 'MNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ');
const GH_OTHERS = ['gho', 'ghu', 'ghs', 'ghr'].map((p) => j(p, '_', '16C7e42F292c6912E7710c838347Ae178B4a'));
const AKIA = j('AKIA', 'IOSFODNN7EXAMPLE');
const ASIA = j('ASIA', 'Y34FZKBOKMUTVV7A');
const AWS_SECRET = j('wJalrXUtnFEMI', '/K7MDENG/bPxRfiCYEXAMPLEKEY');
const JWT = j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0', '.', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c');
const SLACK_BOT = j('xoxb', '-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx');
const SLACK_USER = j('xoxp', '-1234567890-1234567890-1234567890-abcdef0123456789abcdef0123456789');
const BEGIN = j('-----BEGIN ', 'RSA PRIVATE KEY-----');
const END = j('-----END ', 'RSA PRIVATE KEY-----');
const PGP_BEGIN = j('-----BEGIN ', 'PGP PRIVATE KEY BLOCK-----');
const PGP_END = j('-----END ', 'PGP PRIVATE KEY BLOCK-----');
const PGP_BODY = ['Version: Keybase OpenPGP v2.0.76', '', 'xcLYBF9Qc7kBCADd0vJ3m4y3hS8WqQ2Kp1vJt6R9sLmN0aBcDeFgHiJkLmNoPqRs', 'tUvWxYz0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW', '=j3kU'];
const NPM = j('npm', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
const GITLAB = j('glpat', '-', 'xY7zQ2mR9kL4pT8vW1nB');
const GOOGLE = j('AIza', 'SyD8f3Kq2LmZ9xWv4TnR7bPc1HjE6uYs0Ao');
const AZURE_KEY = j('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsu', 'FqFRoZ5Ld2J/hWD1wqZ4m5W0S6TbZrlkO8bX1yQx2A==');
const SAS_SIG = j('vX3Yt5%2Bq', 'Lw9ZkR1mN7pS0aB4cD6eF8gH2jK%3D');
const SLACK_APP = j('xapp', '-1-A0123456789-1234567890123-', 'abcdef0123456789abcdef0123456789');
const STRIPE = j('sk', '_live_', '51HaBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789');
const KEY_LINES = ['MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK', 'LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo', 'AQ=='];

const cases: Array<[string, string, string, Array<[string, number]>]> = [
  ['a classic GitHub token', `export GITHUB_TOKEN=${GH_CLASSIC}`, 'export GITHUB_TOKEN=[REDACTED github-token]', [['github-token', 1]]],
  ['a fine-grained GitHub token', `token: ${GH_FINE} end`, 'token: [REDACTED github-token] end', [['github-token', 1]]],
  ['gho_, ghu_, ghs_ and ghr_ tokens', GH_OTHERS.join(' '), Array(4).fill('[REDACTED github-token]').join(' '), [['github-token', 4]]],
  ['an AWS access key id', `aws_access_key_id = ${AKIA}`, 'aws_access_key_id = [REDACTED aws-access-key-id]', [['aws-access-key-id', 1]]],
  ['a temporary AWS access key id', `"AccessKeyId": "${ASIA}"`, '"AccessKeyId": "[REDACTED aws-access-key-id]"', [['aws-access-key-id', 1]]],
  ['an AWS secret in a credentials file', `aws_secret_access_key = ${AWS_SECRET}\nregion = eu-west-1`, 'aws_secret_access_key = [REDACTED aws-secret-access-key]\nregion = eu-west-1', [['aws-secret-access-key', 1]]],
  ['an AWS secret as an environment variable', `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, 'AWS_SECRET_ACCESS_KEY=[REDACTED aws-secret-access-key]', [['aws-secret-access-key', 1]]],
  ['an AWS secret in sts JSON output', `"SecretAccessKey": "${AWS_SECRET}",`, '"SecretAccessKey": "[REDACTED aws-secret-access-key]",', [['aws-secret-access-key', 1]]],
  ['a JWT', `cookie session=${JWT}; Path=/`, 'cookie session=[REDACTED jwt]; Path=/', [['jwt', 1]]],
  ['a Bearer header with a JWT counts as a JWT', `Authorization: Bearer ${JWT}`, 'Authorization: Bearer [REDACTED jwt]', [['jwt', 1]]],
  ['an opaque Bearer token', 'curl -H "Authorization: Bearer 4f8a9c2e7b1d4e6fa0c3b5d7e9f1a2c4"', 'curl -H "Authorization: Bearer [REDACTED bearer-token]"', [['bearer-token', 1]]],
  ['a Basic authorization header', 'Authorization: Basic YWxpY2U6czNjcjN0UGFzcw==', 'Authorization: Basic [REDACTED authorization]', [['authorization', 1]]],
  ['Slack bot and user tokens', `${SLACK_BOT} and ${SLACK_USER}`, '[REDACTED slack-token] and [REDACTED slack-token]', [['slack-token', 2]]],
  ['a Slack webhook URL', 'posting to https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX fails', 'posting to https://hooks.slack.com/services/[REDACTED slack-webhook] fails', [['slack-webhook', 1]]],
  ['a password in a URL', 'git clone https://alice:s3cr3t-P%40ss@git.acme.dev/web/app.git', 'git clone https://alice:[REDACTED password]@git.acme.dev/web/app.git', [['url-password', 1]]],
  ['a password in a database URL', 'DATABASE_URL=postgres://app:hunter2@db.internal:5432/app', 'DATABASE_URL=postgres://app:[REDACTED password]@db.internal:5432/app', [['url-password', 1]]],
  ['a private key block', `key:\n${BEGIN}\n${KEY_LINES.join('\n')}\n${END}\nafter`, 'key:\n[REDACTED private-key]\nafter', [['private-key', 1]]],
  ['a private key squashed on one line', `${BEGIN} ${KEY_LINES.join(' ')} ${END}`, '[REDACTED private-key]', [['private-key', 1]]],
  ['a private key pasted without its END line', `${BEGIN}\n${KEY_LINES.slice(0, 3).join('\n')}\nIt fails after this.`, '[REDACTED private-key]\nIt fails after this.', [['private-key', 1]]],
  ['an OpenSSH private key', j('-----BEGIN ', 'OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END ', 'OPENSSH PRIVATE KEY-----'), '[REDACTED private-key]', [['private-key', 1]]],
  ['a PGP private key block', `key:\n${PGP_BEGIN}\n${PGP_BODY.join('\n')}\n${PGP_END}\nafter`, 'key:\n[REDACTED private-key]\nafter', [['private-key', 1]]],
  ['a PGP private key block pasted without its END line', `${PGP_BEGIN}\n${PGP_BODY.join('\n')}\nthen gpg fails`, '[REDACTED private-key]\nthen gpg fails', [['private-key', 1]]],
  ['a URL password with an empty user', 'REDIS_URL=redis://:s3cretpw@cache.internal:6379/0', 'REDIS_URL=redis://:[REDACTED password]@cache.internal:6379/0', [['url-password', 1]]],
  ['a URL password holding /, # and @', 'https://user:p@ss/w#rd@host/repo.git', 'https://user:[REDACTED password]@host/repo.git', [['url-password', 1]]],
  ['two URLs with passwords in one run', 'https://a:pw1@h1/x,https://b:pw2@h2/y', 'https://a:[REDACTED password]@h1/x,https://b:[REDACTED password]@h2/y', [['url-password', 2]]],
  ['an npm token', `NPM_TOKEN ${NPM} expired`, 'NPM_TOKEN [REDACTED npm-token] expired', [['npm-token', 1]]],
  ['an .npmrc registry line', `//registry.npmjs.org/:_authToken=${NPM}`, '//registry.npmjs.org/:_authToken=[REDACTED npm-token]', [['npm-token', 1]]],
  ['an .npmrc _authToken of another form', '//npm.acme.dev/:_authToken=5f1e0c2a-9b7d-4c3e-8a6f-1d2b3c4d5e6f', '//npm.acme.dev/:_authToken=[REDACTED npm-token]', [['npm-token', 1]]],
  ['an .npmrc _auth', '_auth = YWxpY2U6czNjcjN0UGFzcw==', '_auth = [REDACTED npm-token]', [['npm-token', 1]]],
  ['a GitLab token', `PRIVATE-TOKEN: ${GITLAB}`, 'PRIVATE-TOKEN: [REDACTED gitlab-token]', [['gitlab-token', 1]]],
  ['a Google API key', `https://maps.googleapis.com/maps/api/js?key=${GOOGLE}&v=3`, 'https://maps.googleapis.com/maps/api/js?key=[REDACTED google-api-key]&v=3', [['google-api-key', 1]]],
  ['an Azure storage connection string', `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`, 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=[REDACTED azure-key];EndpointSuffix=core.windows.net', [['azure-key', 1]]],
  ['an Azure SAS signature', `https://acme.blob.core.windows.net/logs/app.log?sv=2022-11-02&se=2026-12-01&sp=r&sig=${SAS_SIG}`, 'https://acme.blob.core.windows.net/logs/app.log?sv=2022-11-02&se=2026-12-01&sp=r&sig=[REDACTED azure-sas-signature]', [['azure-sas-signature', 1]]],
  ['a Slack app token', `SLACK_APP_TOKEN ${SLACK_APP}`, 'SLACK_APP_TOKEN [REDACTED slack-token]', [['slack-token', 1]]],
  ['a Stripe secret key', `stripe.setKey("${STRIPE}")`, 'stripe.setKey("[REDACTED stripe-key]")', [['stripe-key', 1]]],
  ['an environment password', 'DB_PASSWORD=hunter2 npm start', 'DB_PASSWORD=[REDACTED assigned-secret] npm start', [['assigned-secret', 1]]],
  ['password=, secret= and token= in a query', 'login?password=pw&secret=s&token=t', 'login?password=[REDACTED assigned-secret]&secret=[REDACTED assigned-secret]&token=[REDACTED assigned-secret]', [['assigned-secret', 3]]],
  ['a YAML password', 'db:\n  password: Sup3rS3cret\n  user: app', 'db:\n  password: [REDACTED assigned-secret]\n  user: app', [['assigned-secret', 1]]],
  ['a quoted JSON secret', '{"client_secret": "a b c", "id": 1}', '{"client_secret": "[REDACTED assigned-secret]", "id": 1}', [['assigned-secret', 1]]],
  ['a quoted environment token', "export API_TOKEN='abc def'", "export API_TOKEN='[REDACTED assigned-secret]'", [['assigned-secret', 1]]],
  ['several kinds, in rule order', `${AKIA} ${GH_CLASSIC}`, '[REDACTED aws-access-key-id] [REDACTED github-token]', [['github-token', 1], ['aws-access-key-id', 1]]],
];

// Ordinary text that looks a little like secrets and must stay as it is.
const negatives = [
  'The 3→4 migration missed our theme file; see https://docs.acme.dev/ui/migrate-4#theme.',
  'Our service listens on http://localhost:8080/api and https://acme.dev:8443/x?y=1.',
  'Email me at dev@acme.dev, or ping @alice on Slack.',
  'The bearer of this note knows everything about our Authentication design.',
  'Bearer token support would be great (Authorization header).',
  'ghp_ tokens are prefixed; github_pat_ ones are fine-grained.',
  'A commit: 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 and a uuid 5b0c7c1e-1111-4222-8333-444455556666.',
  'AKIA is the prefix of long-term keys; ASIA of temporary ones.',
  'aws_secret_access_key = <your secret here>',
  'eyJ is how base64 JSON starts.',
  'Version 3.1.0 of @acme/ui in apps/web/package.json (line 12).',
  'C:\\Users\\bob\\project and /home/bob/project belong to someone else.',
  '-----BEGIN CERTIFICATE----- is public, not a key.',
  'xoxo - thanks!',
  'We pinned version 1.2.3 (and 1.2.3-beta.1+build.5) after https://registry.npmjs.org/@acme%2fui/-/ui-1.2.3.tgz failed.',
  'Please rotate the token before Friday; the password policy changed and secrets live in the vault.',
  'Token: see the wiki. Password: ask the team.',
  'Set token=${NPM_TOKEN} and password: <your password> in the config.',
  '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
  'http://localhost:8080/users/@alice and https://alice@git.acme.dev/web/app.git',
  'AIza, glpat-, npm_, sk_live_ and xapp- are prefixes worth knowing.',
];

describe('redact', () => {
  for (const [name, input, output, kinds] of cases) {
    it(`masks ${name}`, () => {
      const r = redact(input);
      assert.equal(r.text, output);
      assert.deepEqual(r.redactions.map((x) => [x.kind, x.count]), kinds);
    });
  }

  for (const text of negatives) {
    it(`leaves ordinary text alone: ${text.slice(0, 50)}`, () => {
      assert.deepEqual(redact(text, { home: '/home/alice' }), { text, redactions: [] });
    });
  }

  describe('the home folder', () => {
    const homes: Array<[string, string, string, string]> = [
      ['/home/alice', 'failed at /home/alice/src/app/package.json line 3', 'failed at ~/src/app/package.json line 3', 'a POSIX home'],
      ['/home/alice/', 'cd /home/alice', 'cd ~', 'a home given with a trailing slash, alone in the text'],
      ['/Users/alice', 'file:///Users/alice/project/x.ts', 'file://~/project/x.ts', 'a file URL'],
      ['C:\\Users\\alice', 'at C:\\Users\\alice\\src\\x.ts and c:/users/ALICE/y.ts', 'at ~\\src\\x.ts and ~/y.ts', 'Windows, both separators, any case'],
      ['C:\\Users\\alice', '{"file":"C:\\\\Users\\\\alice\\\\x.json"}', '{"file":"~\\\\x.json"}', 'Windows, escaped in JSON'],
      ['/home/alice', '/home/alice2/x and /srv/home/alice/x and /home/alicex', '/home/alice2/x and /srv/home/alice/x and /home/alicex', 'only whole path segments'],
      ['/', '/etc/passwd', '/etc/passwd', 'a root home replaces nothing'],
    ];
    for (const [home, input, output, name] of homes) {
      it(name, () => assert.equal(redact(input, { home }).text, output));
    }
    it('counts replacements', () => {
      assert.deepEqual(redact('/home/alice/a /home/alice/b', { home: '/home/alice' }).redactions, [{ kind: 'home-folder', count: 2 }]);
    });
  });

  it('is idempotent, and never touches plain words and punctuation (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
    const sentence = fc.array(fc.tuple(word, fc.constantFrom(' ', ', ', '. ', '\n', ' - ', ': ')), { maxLength: 30 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(fc.property(sentence, (text) => redact(text, { home: '/home/alice' }).text === text));
    const mixed = fc.array(fc.constantFrom(...cases.map((c) => c[1]), ...negatives, ' ', '\n', '/home/alice/x'), { maxLength: 6 }).map((a) => a.join(' '));
    fc.assert(
      fc.property(mixed, (text) => {
        const once = redact(text, { home: '/home/alice' }).text;
        const twice = redact(once, { home: '/home/alice' });
        return twice.text === once && twice.redactions.length === 0;
      }),
    );
  });

  describe('a 1 MB adversarial message', () => {
    // Prefixes of every rule, repeated without the rest: a pattern that backtracks, or rescans the
    // text from each start, takes minutes on these; a linear one takes milliseconds.
    const MB = 1 << 20;
    const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    const units = [
      `${BEGIN}\n`, `${PGP_BEGIN}\nVersion: 1\n`, '-----BEGIN ', 'a-', 'a.', 'a://b:', 'redis://:', 'https://u:p@', 'https://u:1/@',
      'eyJ-', 'eyJabcdefgh.', 'xoxb-', 'glpat-', 'npm_', 'AIza-', 'sk_live_', 'token=', 'token="', "password:'", '_auth=', 'sig=',
      'AccountKey=', 'Bearer -', 'Authorization: ', 'secret_access_key=', '@', ' ', '\n',
    ];
    for (const unit of units) {
      it(`redacts ${JSON.stringify(unit)} repeated quickly`, () => {
        const text = fill(unit);
        const started = performance.now();
        redact(text, { home: '/home/alice' });
        const took = performance.now() - started;
        assert.ok(took < 2000, `took ${Math.round(took)} ms`);
      });
    }
    it('masks every secret of a 1 MB log quickly', () => {
      const log = fill(`${cases.map((c) => c[1]).join('\n')}\n`);
      const started = performance.now();
      const r = redact(log);
      assert.ok(performance.now() - started < 2000);
      for (const secret of [GH_CLASSIC, NPM, GOOGLE, STRIPE, AZURE_KEY, 'hunter2']) assert.ok(!r.text.includes(secret), secret);
    });
  });

  it('redactDraft masks the message and every context value, and sums the counts', () => {
    const draft: FeedbackDraft = {
      team: 'web-platform',
      component: 'acme-ui',
      kind: 'bug',
      rating: null,
      message: `fails with ${GH_CLASSIC} in /home/alice/app`,
      contact: 'dev@acme.dev',
      context: { file: '/home/alice/app/package.json', finding: `token ${GH_CLASSIC}` },
    };
    const r = redactDraft(draft, '/home/alice');
    assert.equal(r.draft.message, 'fails with [REDACTED github-token] in ~/app');
    assert.deepEqual(r.draft.context, { file: '~/app/package.json', finding: 'token [REDACTED github-token]' });
    assert.deepEqual(r.redactions, [{ kind: 'github-token', count: 2 }, { kind: 'home-folder', count: 2 }]);
    assert.equal(r.draft.contact, 'dev@acme.dev');
    assert.ok(draft.message.includes(GH_CLASSIC), 'the original draft is not changed');
  });
});
