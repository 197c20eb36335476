namespace Yiju.Places;

/// <summary>Marker for the places pages' strings: PlacesText.resx is Simplified Chinese (the default), PlacesText.en.resx English.</summary>
public sealed class PlacesText;
