#!/usr/bin/env node
// Writes tests/unit/data/inflection-table.tsv: for every word below, the word,
// its plural and its singular as the npm package `inflection` 1.13.4 gives
// them (the version Sequelize 6.37 uses for table and association names).
// tests/unit/test_inflection.cpp checks core's pluralize/singularize against
// every line.
//
// Usage:
//   mkdir -p /tmp/infl && cd /tmp/infl && npm init -y && npm install inflection@1.13.4
//   NODE_PATH=/tmp/infl/node_modules node scripts/inflection-table.js > tests/unit/data/inflection-table.tsv
'use strict';

const inflection = require('inflection');

const version = require('inflection/package.json').version;
if (version !== '1.13.4') {
  console.error(`inflection ${version} found; the table is made with 1.13.4`);
  process.exit(1);
}

// Common model names, their plurals, and words that reach each rule,
// irregular and uncountable entry of the package.
const words = [
  // common model names
  'user', 'account', 'profile', 'post', 'comment', 'tag', 'category', 'product',
  'order', 'item', 'invoice', 'payment', 'customer', 'address', 'company',
  'employee', 'department', 'project', 'task', 'team', 'member', 'role',
  'permission', 'session', 'token', 'message', 'notification', 'setting',
  'file', 'image', 'photo', 'video', 'album', 'song', 'artist', 'book',
  'author', 'library', 'review', 'rating', 'event', 'ticket', 'booking',
  'reservation', 'hotel', 'room', 'city', 'country', 'state', 'status',
  'campus', 'bonus', 'canvas', 'virus', 'cow', 'person', 'child', 'man',
  'woman', 'mouse', 'goose', 'tooth', 'foot', 'ox', 'quiz', 'matrix', 'index',
  'vertex', 'axis', 'analysis', 'crisis', 'thesis', 'diagnosis', 'basis',
  'synopsis', 'parenthesis', 'prognosis', 'medium', 'datum', 'criterion',
  'genus', 'octopus', 'alias', 'summons', 'bus', 'buffalo', 'tomato',
  'potato', 'hero', 'photo', 'piano', 'wife', 'knife', 'life', 'wolf', 'half',
  'leaf', 'shelf', 'calf', 'elf', 'chief', 'roof', 'belief', 'safe', 'giraffe',
  'hive', 'archive', 'objective', 'drive', 'curve', 'wave', 'cave', 'slave',
  'move', 'sex', 'zombie', 'movie', 'series', 'species', 'news', 'fish',
  'sheep', 'deer', 'moose', 'rice', 'money', 'information', 'equipment',
  'data', 'police', 'jeans', 'feedback', 'software', 'hardware', 'research',
  'traffic', 'furniture', 'luggage', 'weather', 'music', 'help', 'food',
  'minus', 'gallows', 'chess', 'mumps', 'measles', 'aircraft', 'access',
  'business', 'glass', 'gas', 'class', 'box', 'fox', 'tax', 'church', 'match',
  'dish', 'wish', 'day', 'key', 'boy', 'toy', 'guy', 'query', 'fly', 'sky',
  'entry', 'story', 'history', 'inventory', 'activity', 'currency', 'whereas',
  'database', 'shoe', 'lens', 'iris', 'cactus', 'focus', 'fungus', 'nucleus',
  'radius', 'stimulus', 'syllabus', 'census', 'corpus', 'campuses', 'bonuses',
  'canvases', 'viruses', 'cows', 'kine', 'people', 'children', 'men', 'women',
  'mice', 'geese', 'teeth', 'feet', 'oxen', 'quizzes', 'matrices', 'indices',
  'indexes', 'vertices', 'axes', 'analyses', 'crises', 'theses', 'bases',
  'media', 'criteria', 'genera', 'octopuses', 'octopi', 'aliases',
  'summonses', 'buses', 'tomatoes', 'heroes', 'wives', 'knives', 'wolves',
  'halves', 'leaves', 'shelves', 'hives', 'archives', 'drives', 'curves',
  'waves', 'moves', 'sexes', 'zombies', 'movies', 'statuses', 'users',
  'categories', 'addresses', 'boxes', 'churches', 'dishes', 'days', 'keys',
  'queries', 'entries', 'companies', 'classes', 'glasses', 'shoes',
  'databases', 'whereases', 'gases', 'news', 'photos', 'pianos', 'kisses',
  'businesses', 'status', 'users_accounts',
  // compound and capitalised names: the rules see the whole name
  'userProfile', 'blogCategory', 'userPerson', 'UserStatus', 'Person',
  'Child', 'Man', 'Woman', 'Fireman', 'Mailman', 'farm_sheep', 'user_account',
  'ProductCategory', 'OrderItem', 'Address', 'Bus', 'Campus', 'Bonus', 'Virus',
  'Octopus', 'Matrix', 'Index', 'Quiz', 'Ox', 'Foot', 'Goose', 'Tooth',
  'Mouse', 'House', 'Louse', 'Wharf', 'Dwarf', 'Half', 'Knife', 'userPeople',
  'blog_categories', 'Sheep', 'SHEEP', 'News', 'USER', 'CATEGORY', 'Data',
  'userData', 'Information', 'userInformation', 'Equipment', 'Genus',
  'Criterion', 'Summons', 'Oxford', 'oxygen', 'box_office', 'testis', 'test',
  'quizzical', 'manga', 'human', 'german', 'talisman', 'shaman', 'caiman',
  'roman', 'hive_mind', 'archive_entry', 'alumnus', 'alumni', 'stadium',
  'museum', 'premium', 'forum', 'podium', 'atrium', 'aquarium', 'album',
  'vacuum', 'quorum', 'memorandum', 'spectrum', 'curriculum', 'bacterium',
  'millennium', 'phenomenon', 'schema', 'dogma', 'idea', 'area', 'agenda',
  'visa', 'pizza', 'sofa', 'tea', 'ice', 'price', 'office', 'device',
  'service', 'voice', 'slice', 'advice', 'police', 'juice', 'dice', 'lice',
  'spice', 'niece', 'piece', 'mass', 'bass', 'boss', 'loss', 'dress',
  'process', 'success', 'access', 'zz', 's', '',
];

const seen = new Set();
const lines = [];
for (const word of words) {
  if (seen.has(word)) continue;
  seen.add(word);
  if (/[\t\n]/.test(word)) throw new Error(`bad word: ${word}`);
  lines.push([word, inflection.pluralize(word), inflection.singularize(word)].join('\t'));
}
process.stdout.write(`# word\tpluralize(word)\tsingularize(word), from inflection ${version}\n`);
process.stdout.write(lines.join('\n') + '\n');
