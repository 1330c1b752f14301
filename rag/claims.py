"""The claim checker ("Periksa kutipan"): is a quote or claim backed by the sources?

A claim ("Luthfi: jabatan itu amanah", "Khofifah meminta ASN menunggu juknis") is matched,
in code and without the LLM, against windows of one or two consecutive sentences of the
retrieved passages. The verdict is one of:

- ``didukung``: a window says it: its content words are there, with the same numbers, the
  same polarity (no "tidak" or "bukan" on one side only), every person the claim names is
  named in or just before the window, and (with a meaning check, rag/meaning.py) the window
  entails the claim;
- ``bertentangan``: a window says nearly the same thing but the sources differ: another
  number, the opposite polarity ("tidak"/"bukan" on one side only), the words of someone
  else, or (meaning check) the same words with another meaning ("meminta ASN menunggu
  juknis" where she criticised waiting for it);
- ``tidak ditemukan``: no window says anything close.

Each verdict comes with the reasons, in Indonesian, and the window it was decided on.
"""

from __future__ import annotations

import re

import numpy as np

from rag.compare import (
    OfficeHolders, acting_office, as_written, asked_not_said, denied_terms, differences, flipped_words, folded_article,
    lexical_coverage, negated_alike, person_mentions, said_both_ways, split_speaker, statement_people, text_before,
    topic_terms, unsaid_denial,
)
from rag.config import ClaimConfig, CompareConfig
from rag.errors import InputError
from rag.lang import (
    ATTRIBUTION_STEMS, CITED_STUDY, EVENT_VERBS, NOT_CARING, OPENING_CONNECTIVE, added_judgement, address_terms,
    canonical_office, content_terms, formal_outside_quotes, judging_words, number_values, other_counts, plain_litotes,
    plain_not_caring, plain_offices, plain_waiting, praised_what_is_criticised, regions, reversed_stance, root,
    speech_frame_terms, spell_out_periods, tokenize, waits, with_synonyms, words,
)
from rag.meaning import MeaningChecker
from rag.types import ClaimCheck, ClaimEvidence


# The ways a window differs from a claim that count when the claim is near the window but not
# found there (rag.compare.differences).
NEAR_CONTRADICTIONS = frozenset({"date", "sequence", "negation", "stance"})
# What the window's own wording shows (who does what to whom, a modality, a cut list): near but
# not found, the window is not where the claim's content is, and they decide nothing ("… instrumen
# negara yang boleh membangkang": the entailment model reads that reversal; claims_heldout10).
WINDOW_READINGS = frozenset({"roles", "modality", "cut"})


# How a verdict the entailment model decided opens its reason (the draft checker sets it aside
# for a quotation the source has word for word).
MODEL_CONTRADICTION = "Pemeriksa makna menilai bagian sumber menyatakan hal yang berlawanan dengan klaim ini"


def check_claim_text(claim: str | None, max_chars: int) -> str:
    """The claim with its whitespace folded; a clear InputError if there is nothing to check."""
    if claim is None or not claim.strip() or not any(ch.isalnum() for ch in claim):
        raise InputError('the claim is empty: give a quote or claim, e.g. rag check "Luthfi: jabatan itu amanah"')
    claim = " ".join(claim.split())
    if len(claim) > max_chars:
        raise InputError(f"the claim is {len(claim):,} characters long; the limit is "
                         f"{max_chars:,}. Check one claim at a time.")
    return claim


class ClaimChecker:
    """Checks claims against the index a retriever searches (its passages and embedder)."""

    def __init__(self, retriever, config: ClaimConfig = ClaimConfig(), compare: CompareConfig = CompareConfig(),
                 meaning: MeaningChecker | None = None, entailer=None, offices: OfficeHolders | None = None):
        self.retriever = retriever
        self.offices = offices  # who holds the offices a claim may name instead of a person
        self.entailer = entailer  # P(entailment) of (passage, claim) for a claim in other words
        self.config = config
        self.compare = compare
        self.meaning = meaning

    def _window_vector(self, index, window: tuple[str, int, int], text: str) -> np.ndarray:
        """The mean of the window's precomputed sentence vectors (embedded now if the index
        has none), normalised."""
        doc_id, start, end = window
        spans = [s for s in index.sentences_of(doc_id) if start <= s[0] and s[1] <= end] \
            if index.sentence_vectors is not None else []
        vectors = [index.sentence_vector(doc_id, s, e) for s, e in spans]
        if not vectors or any(v is None for v in vectors):
            return self.retriever.embedder.embed_passages([text])[0]
        mean = np.mean(vectors, axis=0)
        return mean / (np.linalg.norm(mean) or 1.0)

    def _read(self, premise: str, statement: str) -> tuple[float, float, float] | None:
        """P(entailment, neutral, contradiction) of (premise, statement), or None without a model.
        A statement that does not care or waits, in its own words, is read with both sides' ways of
        saying so in one word each: the model read "tidak mempedulikan latar belakang" against "tak
        ambil pusing pada latar belakang" as the opposite at 97% (claims_heldout32 x25), and "baru mau
        bergerak setelah juklak" as not said by "bekerja menunggu adanya juklak" (drafts_holdout28 and
        29's paraphrases, didukung since; claims_heldout32 x17, three sentences of premise, is still read
        as the opposite). Only then: the plain word read beside a statement about something else
        turns the model's reading of it (an invented "lelang jabatan" read as contradicted at 89%;
        drafts_holdout18). A negation that means the opposite word is read as that word on both
        sides (``plain_litotes``: "tidak jarang" against "cukup sering", read as the opposite at 96%;
        drafts_holdout33)."""
        if self.entailer is None:
            return None
        pair = tuple(map(plain_litotes, (premise, statement)))  # "tidak jarang" read as "sering"
        # "sama sekali mengabaikan latar belakang" against "tak ambil pusing pada latar belakang" (read
        # as the opposite at 99%; drafts_holdout34): the statement's own plain word, the source's idiom
        cares_not = NOT_CARING.search(statement) or (
            NOT_CARING.search(premise) and any(root(w) == "abai" for w in words(statement)))
        if cares_not:
            pair = tuple(map(plain_not_caring, pair))
        if waits(statement):
            pair = tuple(map(plain_waiting, pair))
        return tuple(float(v) for v in self.entailer.probabilities([pair])[0])

    def check(self, claim: str) -> ClaimCheck:
        config = self.config
        claim = " ".join(claim.split())
        # "orang nomor satu di Jatim" is "Gubernur Jatim"; "Meski begitu, …" ties it to a sentence before;
        # "… nyentil ASN yang masih nunggu juklak …, karena itu bikin inovasi mandek" is read in the
        # articles' written words, its quotations as typed (drafts_holdout41, a news site's comments)
        said = plain_offices(formal_outside_quotes(OPENING_CONNECTIVE.sub("", claim, count=1)))
        speaker, content = split_speaker(spell_out_periods(said))
        retriever = self.retriever
        index = retriever.index
        people = statement_people(said, index.people())
        shared_offices: dict[str, set[str]] = {}  # "Gubernur …": an office held by several people
        if self.offices is not None:
            # "Gubernur Jatim mengibaratkan …", "Gubernur Jatim: …" are Khofifah's claims
            people = [held[0] if (held := self.offices.people_in(person)) else person for person in people] \
                or self.offices.people_in(content) or [office for office in [acting_office(said)] if office]
            shared_offices = {person: holders for person in people
                              if len(holders := self.offices.holders_of(person)) > 1}
        idf = index.idf
        query = said if speaker is None else f"{speaker} {content}"
        query_vector = retriever.query_vector(query)
        hits = retriever.search(query, k=config.chunks, query_vector=query_vector)
        mentions = person_mentions(content, people)  # with their titles: "Wakil Gubernur Gus Yasin"
        if people:
            # "Khofifah … mengibaratkan birokrasi sebagai kendaraan" where Luthfi said it: the name
            # pulls the search to the named person's articles; the words alone find the passage
            # that decides (and the person is compared there).
            unnamed = content
            for person in sorted(mentions + people, key=len, reverse=True):
                unnamed = re.sub(re.escape(person), " ", unnamed, flags=re.IGNORECASE)
            seen = {hit.chunk.chunk_id for hit in hits}
            hits += [hit for hit in retriever.search(unnamed, k=config.chunks) if hit.chunk.chunk_id not in seen]
            if any(person.lower() not in said.lower() for person in people):
                # named by an office in short ("Dirjen Otda memandang ASN …"): the lexical search knows no
                # aliases, and the article writes "Direktur Jenderal Otonomi Daerah …" (claims_heldout28 t41:
                # his passage was in no hit on the twentieth session's machine)
                seen = {hit.chunk.chunk_id for hit in hits}
                hits += [hit for hit in retriever.search(canonical_office(content), k=config.chunks)
                         if hit.chunk.chunk_id not in seen]
        terms = topic_terms(content, people + mentions)

        windows = []  # (doc_id, start, end) of one sentence or two in a row
        pairs = []  # whether the window is two sentences
        for hit in hits:
            chunk = hit.chunk
            spans = chunk.sentences
            for i in range(len(spans)):
                for j in (i, i + 1):
                    window = (chunk.doc_id, spans[i][0], spans[min(j, len(spans) - 1)][1])
                    if j < len(spans) and window not in windows:
                        windows.append(window)
                        pairs.append(j > i)
        if not windows:
            return ClaimCheck(claim, "tidak ditemukan", ["Tidak ada bagian sumber yang mirip dengan klaim ini."])
        texts = [index.documents[d].text[s:e] for d, s, e in windows]
        # a word the window says in a synonym counts ("diraih" for "tercapai")
        said_terms = [with_synonyms(content_terms(t)) for t in texts] if config.synonyms else \
            [content_terms(t) for t in texts]
        coverage = np.array([lexical_coverage(terms, t, idf) for t in said_terms])
        claim_vector = retriever.embedder.embed_passages([content])[0]
        cosine = np.array([float(self._window_vector(index, w, t) @ claim_vector) for w, t in zip(windows, texts)])
        score = coverage + config.cosine_weight * cosine - config.pair_penalty * np.array(pairs, dtype=float)
        # between windows that hold its words alike, the one that says them as the claim does
        # ("Jabatan itu amanah" in Luthfi's quotation, not Khofifah's "jabatan yang diamanahkan")
        said = set(words(content))
        surface = np.array([len(said & set(words(t))) / (len(said) or 1) for t in texts])
        score = score + config.surface_weight * surface
        best = int(np.argmax(score))
        names = [" ".join(person.lower().split()) for person in people]
        named_docs = set()  # the articles that name one of the claim's people, each read once
        for article in {w[0] for w in windows} if names else ():
            text = folded_article(index.documents[article])
            if any(name in text for name in names):
                named_docs.add(article)
        if people and windows[best][0] not in named_docs:
            # the claim's words, best matched in an article that never names its person ("Khofifah
            # menegaskan … tugasnya melayani" against Luthfi's "secara tegas … menjalankan tugas"):
            # an article that names them and holds more of what was said (its verb of saying left
            # out) is where it is checked; one that holds as much is not ("Khofifah: jabatan itu
            # amanah" stays with Luthfi's words, not her "jabatan yang diamanahkan")
            said_what = terms - speech_frame_terms(content) or terms
            held = lexical_coverage(said_what, said_terms[best], idf)
            named = [i for i, w in enumerate(windows) if coverage[i] >= config.min_coverage
                     and w[0] in named_docs and lexical_coverage(said_what, said_terms[i], idf) > held]
            best = max(named, key=lambda i: score[i], default=best)
        doc_id, start, end = windows[best]
        document = index.documents[doc_id]
        window = texts[best]
        evidence = [ClaimEvidence(doc_id, document.title, window, start, end)]
        scores = {"coverage": round(float(coverage[best]), 3), "cosine": round(float(cosine[best]), 3)}
        found = coverage[best] >= config.min_coverage or (coverage[best] >= config.min_coverage_with_cosine
                                                          and cosine[best] >= config.min_cosine)
        if not found and coverage[best] >= config.min_coverage_for_count:
            # "… paling lama enam bulan sekali" where the passage says "maksimal setiap tiga bulan":
            # too few of the claim's words to be the same statement, the same thing counted otherwise
            other = other_counts(content, window)
            if other:
                return ClaimCheck(claim, "bertentangan", [
                    "Sumber menyebut jumlah lain untuk hal yang sama: " + "; ".join(other) + "."], evidence, scores)
        not_found = ClaimCheck(claim, "tidak ditemukan", [
            f"Tidak ada bagian sumber yang memuat isi klaim ini: bagian yang paling mirip hanya memuat "
            f"{coverage[best]:.0%} kata pentingnya."], [], scores)
        window_terms = content_terms(window)
        if not found and coverage[best] < config.min_coverage_near:
            # near on what it is about, without the words with which it judges it ("… perubahan di
            # lingkungan ASN sekadar pelengkap yang boleh dikesampingkan" where he called that
            # change "sangat diperlukan"): a judgement turned around shares no words with its source;
            # nor those that say whose view it is ("Luthfi pun menilai …" where he "menyebut")
            topic = terms - (({t for w in judging_words(content) for t in tokenize(w)} | ATTRIBUTION_STEMS)
                             - window_terms)
            if not topic or lexical_coverage(topic, window_terms, idf) < config.min_coverage_near:
                return not_found

        # Found, or near: a claim in other words than the article's ("… pilihan yang masih bisa
        # ditunda" where she called it "sebuah keniscayaan") holds fewer of its words; what the
        # window says against it still decides, and an entailment model may vouch for the rest.
        before = text_before(document.text, start, index.sentences_of(doc_id), self.compare.attribution_sentences)
        near = before + " " + window
        # Two sentences, the claim's words in the first: a person the second one names comes after
        # those words and did not say them ("… kerja super tim,” imbuhnya. Pada kesempatan yang
        # sama, … Akmal Malik menyampaikan …")
        pair = [s for s in index.sentences_of(doc_id) if start <= s[0] and s[1] <= end]
        said_in = near
        if len(pair) == 2:
            first, second = (document.text[a:b] for a, b in pair)
            if lexical_coverage(terms, content_terms(first), idf) > lexical_coverage(terms, content_terms(second), idf):
                said_in = before + " " + first
        # the sentences after the window, where the claim may go on ("… sehingga ASN tidak boleh …")
        after = [s for s in index.sentences_of(doc_id) if s[0] >= end][:config.following_sentences]
        following = document.text[after[0][0]:after[-1][1]] if after else ""
        lacking = content_terms(content) - window_terms - address_terms(content)
        goes_on = bool(lacking & content_terms(following))  # the claim's words the window lacks come after it
        reasons, kinds, added = differences(content, people, window, near, document, index.people(),
                                            self.compare, said_in, shared_offices, following if goes_on else "")
        # Near but not found, the content is not established: the window is not where the claim's
        # person or number would be checked; a date, a sequence, a negation or a stance still
        # turns it around.
        contradicted = bool(kinds if found else kinds & NEAR_CONTRADICTIONS)
        if not contradicted:
            # The claim's words the window lacks, negated in the sentences after it ("… merasa sudah
            # kerja keras." then "… untuk tidak mudah berpuas diri"): the source says the opposite.
            flipped = flipped_words(content, following, self.compare.negation_scope) & lacking
            where = "Kalimat sesudahnya di sumber"
            if not flipped:
                # what the claim calls someone, which the article says they are not ("ASN sebagai tuan"
                # where "ASN adalah pelayan dan bukan sebagai tuan"; claims_heldout15 g02)
                for first, last in index.sentences_of(doc_id):
                    sentence = document.text[first:last]
                    if denied_terms(sentence) & lacking:
                        flipped = flipped_words(content, sentence, self.compare.negation_scope) & lacking
                        if flipped:
                            following, after, where = sentence, [(first, last)], "Kalimat lain di artikel itu"
                            break
            # "… menunggu juklak justru memperlancar inovasi" (or "… sudah tepat") where the next
            # sentence says the waiting "sangat menghambat inovasi"
            hindered = ""
            if goes_on:
                turned = reversed_stance(content, following, self.compare, requests=False)
                hindered = praised_what_is_criticised(content, following) or (turned[1] if turned else "")
            if flipped or hindered:
                contradicted = True
                reasons.append(f"{where} menyatakan sebaliknya: " + (
                    f"ada penyangkalan pada “{', '.join(as_written(flipped, content))}” di satu sisi saja."
                    if flipped
                    else f"sumber menyebut “{hindered}”."))
                evidence.append(ClaimEvidence(doc_id, document.title, following, after[0][0], after[-1][1]))
        if not contradicted and before.strip():
            # A word the window gives both ways, which the sentences before it decide ("… masuk
            # kategori tak profesional." then "Kita akan pelototi siapa yang profesional dan
            # tidak"; claims_heldout11 c34)
            open_words = content_terms(content) & said_both_ways(window, self.compare.negation_scope) \
                - asked_not_said(content)
            decided = flipped_words(content, before, self.compare.negation_scope) & open_words
            if decided and len(content_terms(content) & content_terms(before) - decided) >= config.open_word_min_shared:
                contradicted = True
                reasons.append("Kalimat sebelumnya di sumber menyatakan sebaliknya: ada penyangkalan pada "
                               f"“{', '.join(sorted(decided))}” di satu sisi saja.")
                first, last = start - len(before.lstrip()), start - (len(before) - len(before.rstrip()))
                evidence.append(ClaimEvidence(doc_id, document.title, document.text[first:last], first, last))
        if contradicted:
            return ClaimCheck(claim, "bertentangan", reasons, evidence, scores)
        if not found and kinds - WINDOW_READINGS:
            return not_found
        denied = unsaid_denial(content, near)
        if denied:
            # "… tidak ada kaitannya dengan …" where the passage links the two: it denies nothing
            return ClaimCheck(claim, "tidak ditemukan", [
                f"Bagian sumber yang paling dekat tidak menyangkal “{denied}”: penyangkalan ini tidak ada di "
                "sumber."] + reasons, [], scores)
        if added:
            # a number or date the passage does not give, where it gives no other: an added detail
            return ClaimCheck(claim, "tidak ditemukan", [
                "Sumber tidak menyebut angka atau tanggal ini, dan tidak menyebut yang lain: "
                "rincian ini tidak ada di sumber."] + reasons, [], scores)
        study = CITED_STUDY.search(content)
        if study and not CITED_STUDY.search(document.text):
            return ClaimCheck(claim, "tidak ditemukan", [
                f"Artikel sumber tidak menyebut {study.group(0).lower()} apa pun: rujukan ini tidak ada di sumber."]
                + reasons, [], scores)
        statement = content if speaker is None else f"{speaker} mengatakan {content}"
        judged = added_judgement(content, near, approving_only=found)
        read = self._read(near.strip(), statement) if not found or judged else None
        if read is not None:
            scores["entailment"], scores["contradiction"] = round(read[0], 3), round(read[2], 3)
            # not where the claim negates what the passage negates ("agar tidak lekas berpuas diri"
            # read as the opposite of "untuk tidak cepat puas" at 97%; drafts_holdout13, 15): the
            # model misreads negations it should match
            # nor where both say someone waits before acting ("baru mau bekerja setelah ada juklak" read
            # as the opposite of "bekerja menunggu adanya juklak"; claims_heldout26 r21)
            # nor where the sentence the claim goes on into negates as it does ("… agar tidak lekas berpuas
            # diri" where the next sentence has "untuk tidak mudah berpuas diri"; drafts_holdout40)
            went_on = near + (" " + following if goes_on else "")
            scope = self.compare.negation_scope
            if read[2] >= config.min_contradiction and not negated_alike(content, went_on, scope) \
                    and not (waits(content) and waits(near)):
                scores["decided_by"] = "entailment model"
                # near the passage, or judging where it does not, and the model reads it as saying
                # the opposite ("… sudah cukup menjadi ukuran keberhasilan" where he wanted results
                # the people feel): a stance turned around in other words
                return ClaimCheck(claim, "bertentangan", [f"{MODEL_CONTRADICTION} ({read[2]:.0%} yakin)."] + reasons,
                                  evidence, scores)
        # the passage's words, with a judgement it does not make ("… cukup diabaikan saja" where she
        # said it must be heeded): not backed, whatever else it shares
        unjudged = None if not judged else ClaimCheck(claim, "tidak ditemukan", [
            f"Bagian sumber yang paling dekat tidak menilai seperti klaim ini (“{judged}”)."] + reasons, [], scores)
        event = EVENT_VERBS.search(content)
        verb = event.group(0) if event and not EVENT_VERBS.search(near) else ""
        if not found:
            if judged:
                return unjudged
            if read is None or verb:
                # an event the window does not report ("… meluncurkan aplikasi …" near a passage on
                # digital services) is not there, however the model reads the pair
                return not_found
            entailment = read[0]
            if entailment < config.near_min_entailment:
                return not_found
            if regions(content) - regions(document.text):
                # in other words, about a province the passage's article never names ("Pemprov Jateng akan
                # memberikan tunjangan …" near Emil's words on incentives in Jatim; claims_heldout34 z42)
                return not_found
            reasons.insert(0, f"Bagian sumber memuat {coverage[best]:.0%} kata penting klaim ini, dengan kata "
                              f"lain; pemeriksa makna menilai bagian itu menyatakannya ({entailment:.0%} yakin).")
            return ClaimCheck(claim, "didukung", reasons, evidence, scores)
        if verb:
            # an event the window does not report ("Luthfi meresmikan jalan tol baru …" near his
            # "meminta seluruh jajaran ASN …", found through the cosine fallback)
            return ClaimCheck(claim, "tidak ditemukan", [
                f"Bagian sumber yang paling dekat tidak menyebut “{verb}”: peristiwa ini tidak ada di sumber."]
                + reasons, [], scores)
        if self.meaning is not None:
            meaning = self.meaning.check(near.strip(), statement)
            scores["entailment"] = round(meaning.entailment, 3)
            if not meaning.faithful:
                # The passage is about the same thing and says something else: when it holds
                # the claim's words, the claim turns it around; otherwise it is not there.
                if coverage[best] >= config.min_coverage:
                    return ClaimCheck(claim, "bertentangan", [
                        "Bagian sumber membahas hal yang sama tetapi tidak menyatakan klaim ini."]
                        + list(meaning.reasons) + reasons, evidence, scores)
                return ClaimCheck(claim, "tidak ditemukan", list(meaning.reasons) + reasons, [], scores)
        if judged:
            return unjudged
        reasons.insert(0, f"Bagian sumber memuat {coverage[best]:.0%} kata penting klaim ini"
                          + (", dengan angka yang sama." if number_values(content) else "."))
        return ClaimCheck(claim, "didukung", reasons, evidence, scores)
