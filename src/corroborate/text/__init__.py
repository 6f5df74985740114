"""The language toolkit every stage shares: the one lexicon loader (lexicon), tokens and the phrase
matcher (tokens), quantities (quantities), sentence spans (sentences), name keys and transliteration
(names) and language identification (detect). Nothing here imports a pipeline stage."""
